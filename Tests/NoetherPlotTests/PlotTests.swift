import Foundation
import NoetherPlot
import Testing

@Suite struct AxisTests {
  @Test func linearAxesCoverTheDataWithNiceTicks() {
    var state: UInt64 = 12345
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    for _ in 0..<200 {
      let scale = pow(10, 8 * next() - 4)
      let offset = (next() - 0.5) * 10 * scale
      let data = (0..<20).map { _ in offset + scale * (next() - 0.5) }
      let axis = Axis(covering: data)
      #expect(axis.lower <= data.min()! && axis.upper >= data.max()!)
      #expect(
        axis.ticks.count >= 3 && axis.ticks.count <= 12,
        "\(axis.ticks.count) ticks for \(data.min()!)…\(data.max()!)")
      #expect(
        axis.ticks.first! == axis.lower
          && abs(axis.ticks.last! - axis.upper) <= 1e-9 * abs(axis.upper) + 1e-300)
      // The axis is not much wider than the data: at most one step beyond each end.
      let step = axis.ticks[1] - axis.ticks[0]
      #expect(axis.lower > data.min()! - step * 1.000001 && axis.upper < data.max()! + step * 1.000001)
    }
  }

  @Test func linearLabelsAreDistinctAtEveryScale() {
    for (low, high) in [(0.0012, 0.0015), (1.2e-5, 1.3e-5), (-3.0, 7.0), (2.5e6, 2.6e6), (0.0, 1.0)] {
      let axis = Axis(covering: [low, high])
      let labels = axis.ticks.map(axis.label)
      #expect(Set(labels).count == labels.count, "\(labels)")
      for (tick, label) in zip(axis.ticks, labels) {
        #expect(abs(Double(label)! - tick) <= 0.5 * (axis.ticks[1] - axis.ticks[0]), "\(label) for \(tick)")
      }
    }
    #expect(Axis(covering: [0.0012, 0.0015]).label(0.00115) == "0.00115")
  }

  @Test func logAxesSpanWholeDecadesWithTicksAtPowersOfTen() {
    let axis = Axis(covering: [3e-7, 0.02, 2e2, 0, -1, .nan], scale: .logarithmic)
    #expect(axis.lower == 1e-7)
    #expect(axis.upper == 1e3)
    #expect(axis.ticks == [1e-7, 1e-5, 1e-3, 1e-1, 1e1, 1e3].map { $0 })  // ten decades: every second
    for tick in axis.ticks { #expect(abs(log10(tick) - log10(tick).rounded()) < 1e-12) }
    #expect(axis.label(1e-7) == "1e-7" && axis.label(1) == "1" && axis.label(100) == "1e2")
    #expect(Axis(covering: [0.5, 3], scale: .logarithmic).ticks == [0.1, 1, 10])
    #expect(axis.fraction(0) == nil && axis.fraction(-3) == nil)
    #expect(abs(axis.fraction(1e-2)! - 0.5) < 1e-12)
    // Thirty decades are labelled every fourth decade, never more than about eight labels.
    let wide = Axis(covering: [1e-30, 1], scale: .logarithmic)
    #expect(wide.lower <= 1e-30 && wide.upper >= 1 && wide.ticks.count <= 9)
  }
}

@Suite struct LinePlotTests {
  @Test func oneWellFormedPathPerSeriesInsideTheFrame() throws {
    let t = (0..<200).map { Double($0) * 0.05 }
    var gappy = t.map { exp(-$0) }
    gappy[50] = .nan
    gappy[120] = 0  // not drawable on a log axis: breaks the path
    var plot = LinePlot(
      title: "error <&> \"quoted\"", xLabel: "time t", yLabel: "squared error",
      series: [
        LineSeries(name: "a & b", x: t, y: t.map { 1e-3 * (1 + $0 * $0) }, color: "#0072B2"),
        LineSeries(name: "gappy", x: t, y: gappy, color: "#D55E00", dashed: true),
        LineSeries(name: "<flat>", x: t, y: t.map { _ in 0.5 }, color: "#009E73"),
      ])
    plot.yScale = .logarithmic
    let elements = parseXML(plot.svgText)
    let paths = elements.filter { $0.name == "path" && $0.attributes["class"] == "series" }
    #expect(paths.count == 3)
    #expect(paths.map { $0.attributes["data-label"] } == ["a & b", "gappy", "<flat>"])
    let gappyData = paths[1].attributes["d"]!
    #expect(gappyData.filter { $0 == "M" }.count == 3, "NaN and 0 each start a new piece")
    let frame = plot.frame
    #expect(frame.yAxis.lower <= exp(-9.95) && frame.yAxis.upper >= 1e-3 * (1 + 9.95 * 9.95))
    for path in paths {
      for (x, y) in pathPoints(path.attributes["d"]!) {
        #expect(x >= frame.left - 0.01 && x <= plot.width - frame.right + 0.01)
        #expect(y >= frame.top - 0.01 && y <= plot.height - frame.bottom + 0.01)
      }
    }
    // Decade ticks are labelled as powers of ten.
    let labels = Set(
      plot.svgText.components(separatedBy: "</text>").compactMap { $0.split(separator: ">").last })
    #expect(labels.contains("1e-4") && labels.contains("1"))
    // The legend lists every series once.
    #expect(elements.filter { $0.name == "line" && $0.attributes["stroke-width"] == "2.00" }.count == 3)
  }

  @Test func equalAspectGivesBothAxesTheSameScale() {
    let angle = (0...100).map { Double($0) * 0.0628 }
    var plot = LinePlot(
      title: "orbit", xLabel: "x", yLabel: "y",
      series: [
        LineSeries(name: "ellipse", x: angle.map { 2 * cos($0) }, y: angle.map { sin($0) }, color: "#000")
      ])
    plot.equalAspect = true
    let frame = plot.frame
    let xScale = (plot.width - frame.left - frame.right) / (frame.xAxis.upper - frame.xAxis.lower)
    let yScale = (frame.height - frame.top - frame.bottom) / (frame.yAxis.upper - frame.yAxis.lower)
    #expect(abs(xScale - yScale) < 1e-9 * xScale)
    #expect(parseXML(plot.svgText).first?.attributes["height"] == String(format: "%.2f", frame.height))
  }

  @Test func coverNarrowsTheAxesAndClipsWhatRunsOff() {
    let x = (0..<50).map { Double($0) }
    var plot = LinePlot(
      title: "run-off", xLabel: "q", yLabel: "p",
      series: [
        LineSeries(name: "truth", x: x, y: x.map { sin($0) }, color: "#555"),
        LineSeries(name: "model", x: x, y: x.map { exp($0 / 5) }, color: "#0072B2"),
      ])
    plot.yCover = x.map { sin($0) }
    #expect(plot.frame.yAxis.upper <= 1.5)
    let elements = parseXML(plot.svgText)
    #expect(elements.contains { $0.name == "clipPath" })
    #expect(elements.filter { $0.name == "path" }.count == 2)
  }
}

@Suite struct ContourPlotTests {
  func grid(_ f: (Double, Double) -> Double) -> GridValues {
    let xs = (0..<41).map { -2 + 4 * Double($0) / 40 }
    let ys = (0..<31).map { -1.5 + 3 * Double($0) / 30 }
    return GridValues(xs: xs, ys: ys, values: ys.flatMap { y in xs.map { x in f(x, y) } })!
  }

  @Test func contoursOfACircleLieOnTheCircle() throws {
    let plot = ContourPlot(title: "energy", xLabel: "q", yLabel: "p", grid: grid { $0 * $0 + $1 * $1 })
    let frame = plot.frame
    let elements = parseXML(plot.svgText).filter { $0.attributes["class"] == "contour" }
    #expect(elements.count == plot.levels.count && plot.levels.count == 10)
    func data(_ px: Double, _ py: Double) -> (Double, Double) {
      let u = (px - frame.left) / (plot.width - frame.left - frame.right)
      let v = (plot.height - frame.bottom - py) / (plot.height - frame.top - frame.bottom)
      return (
        frame.xAxis.lower + u * (frame.xAxis.upper - frame.xAxis.lower),
        frame.yAxis.lower + v * (frame.yAxis.upper - frame.yAxis.lower)
      )
    }
    for (element, level) in zip(elements, plot.levels) {
      let points = pathPoints(element.attributes["d"]!)
      #expect(points.count > 20)
      for (px, py) in points {
        let (x, y) = data(px, py)
        // Linear interpolation of r² along a cell edge of width 0.1 errs by at most h²/4.
        #expect(abs(x * x + y * y - level) < 0.01 + 0.02 * level, "r² \(x * x + y * y) off level \(level)")
      }
    }
  }

  @Test func monotoneTransformsDrawTheSameLevelSets() throws {
    // No two grid values tie, so no level can fall exactly on a grid point.
    let h: (Double, Double) -> Double = {
      $0 * $0 + 0.5 * $1 * $1 + 0.3 * $0 * $1 + 0.1234567 * $0 + 0.0765 * $1
    }
    let plain = ContourPlot(title: "t", xLabel: "q", yLabel: "p", grid: grid(h))
    let affine = ContourPlot(title: "t", xLabel: "q", yLabel: "p", grid: grid { -3 * h($0, $1) + 7 })
    func points(_ plot: ContourPlot) -> [[(Double, Double)]] {
      parseXML(plot.svgText).filter { $0.attributes["class"] == "contour" }.map {
        pathPoints($0.attributes["d"]!)
      }
    }
    let a = points(plain)
    let b = points(affine).reversed().map { $0 }  // a decreasing transform reverses the level order
    #expect(a.count == b.count)
    for (p, q) in zip(a, b) {
      #expect(p.count == q.count)
      for (u, v) in zip(p, q) { #expect(abs(u.0 - v.0) < 0.02 && abs(u.1 - v.1) < 0.02) }
    }
  }
}

@Suite struct HeatMapTests {
  @Test func pixelsFollowTheColourMapAndThePNGIsValid() throws {
    let xs = (0..<500).map { Double($0) / 50 }
    let ys = (0..<11).map { Double($0) }
    let grid = GridValues(xs: xs, ys: ys, values: ys.flatMap { y in xs.map { _ in y } })!
    var map = HeatMap(title: "field", xLabel: "time t", yLabel: "node", valueLabel: "u", grid: grid)
    map.maximumColumns = 100
    let image = map.image
    #expect(image.width == 100 && image.height == 11)
    // Top row is the largest y (value 10 → light end), bottom row the smallest.
    #expect(image[0, 0] == Palette.sequential(1) && image[99, 10] == Palette.sequential(0))
    let png = image.pngData
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    // The IEND chunk's CRC is a known constant.
    #expect(Array(png.suffix(4)) == [0xAE, 0x42, 0x60, 0x82])
    let elements = parseXML(map.svgText)
    let embedded = elements.first { $0.name == "image" }?.attributes["href"] ?? ""
    #expect(embedded.hasPrefix("data:image/png;base64,"))
    let decoded = Data(base64Encoded: String(embedded.dropFirst("data:image/png;base64,".count)))
    #expect(decoded.map(Array.init) == png)
  }
}

@Suite struct ReportGuideTests {
  /// The Swift example in docs/report.md, verbatim between the markers.
  static func guideExample() -> Double {
    // BEGIN docs/report.md
    let t = (0..<200).map { Double($0) * 0.05 }
    var plot = LinePlot(
      title: "energy violation", xLabel: "time t", yLabel: "(C(model) − C(truth))²",
      series: [LineSeries(name: "ConCerNet", x: t, y: t.map { 1e-6 * (1 + $0) }, color: Palette.series(0))])
    plot.yScale = .logarithmic
    let svg: String = plot.svgText
    // END docs/report.md
    _ = svg
    return plot.frame.yAxis.upper
  }

  @Test func theGuidesExampleCompilesAndIsQuotedVerbatim() throws {
    #expect(Self.guideExample() == 1e-4)
    let here = URL(fileURLWithPath: #filePath)
    let source = try String(contentsOf: here, encoding: .utf8)
    let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let guide = try String(contentsOf: root.appendingPathComponent("docs/report.md"), encoding: .utf8)
    let begin = source.range(of: "// BEGIN docs/report.md\n")!
    let end = source.range(of: "    // END docs/report.md")!
    let example = source[begin.upperBound..<end.lowerBound].split(separator: "\n").map { $0.dropFirst(4) }
      .joined(separator: "\n")
    #expect(guide.contains(example), "docs/report.md no longer quotes the example in PlotTests.swift")
  }
}
