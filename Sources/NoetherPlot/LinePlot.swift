/// One named curve of a line plot.
public struct LineSeries: Sendable {
  public var name: String
  public var x: [Double]
  public var y: [Double]
  public var color: String
  public var dashed: Bool
  public var width: Double
  /// Whether the legend lists this series (repeated curves of one kind list once).
  public var inLegend: Bool

  public init(
    name: String, x: [Double], y: [Double], color: String, dashed: Bool = false, width: Double = 1.5,
    inLegend: Bool = true
  ) {
    self.name = name
    self.x = x
    self.y = y
    self.color = color
    self.dashed = dashed
    self.width = width
    self.inLegend = inLegend
  }

  /// A short text that differs between series that differ (name, length, three values).
  var fingerprint: String {
    let middle: Double = y.isEmpty ? 0 : y[y.count / 2]
    return "\(name)|\(y.count)|\(y.first ?? 0)|\(middle)|\(y.last ?? 0)"
  }
}

/// Curves on shared axes with a legend: state against time, a phase portrait, an error
/// over time on a log axis.
///
/// Each series becomes exactly one `<path class="series">`; points that cannot be drawn
/// (NaN, or ≤ 0 on a log axis) break the path into pieces within that one element.
/// The axes cover every drawable point unless `xCover`/`yCover` name the values to
/// cover instead (to keep the truth readable when a model runs off); anything outside
/// is clipped to the frame.
public struct LinePlot {
  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var series: [LineSeries]
  public var xScale: AxisScale = .linear
  public var yScale: AxisScale = .linear
  public var xCover: [Double]?
  public var yCover: [Double]?
  public var width = 460.0
  /// The figure's height; with `equalAspect` it is derived from the axes instead.
  public var height = 320.0
  /// Phase portraits: one data unit spans as many pixels on y as on x (the plotting
  /// area's height follows its width, within half to twice of it).
  public var equalAspect = false

  public init(title: String, xLabel: String, yLabel: String, series: [LineSeries]) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
  }

  /// The plot's frame (its axes); exposed so callers and tests can check the ranges.
  public var frame: PlotFrame {
    let xAxis = Axis(covering: xCover ?? series.flatMap(\.x), scale: xScale)
    let yAxis = Axis(covering: yCover ?? series.flatMap(\.y), scale: yScale)
    var frame = PlotFrame(width: width, height: height, xAxis: xAxis, yAxis: yAxis)
    let longest = legendSeries.map(\.name.count).max() ?? 0
    frame.right = legendSeries.count > 1 ? 34 + 7 * Double(min(longest, 18)) : 16
    if equalAspect, xScale == .linear, yScale == .linear {
      let areaWidth = width - frame.left - frame.right
      let ratio = (yAxis.upper - yAxis.lower) / (xAxis.upper - xAxis.lower)
      let areaHeight = min(max(areaWidth * ratio, areaWidth / 2), areaWidth * 2)
      var sized = PlotFrame(
        width: width, height: areaHeight + frame.top + frame.bottom, xAxis: xAxis, yAxis: yAxis)
      sized.right = frame.right
      return sized
    }
    return frame
  }

  /// The SVG text.
  public var svgText: String {
    let frame = self.frame
    let height = frame.height
    var document = SVGDocument(width: width, height: height)
    frame.draw(into: &document, title: title, xLabel: xLabel, yLabel: yLabel)
    let clip = "clip-\(stableIdentifier([title, xLabel, yLabel] + series.map(\.fingerprint)))"
    document.append(
      "<clipPath id=\"\(clip)\"><rect x=\"\(svg(frame.left))\" y=\"\(svg(frame.top))\" width=\"\(svg(width - frame.left - frame.right))\" height=\"\(svg(height - frame.top - frame.bottom))\"/></clipPath>"
    )
    document.append("<g clip-path=\"url(#\(clip))\">")
    for s in series {
      document.path(
        pathData(s, frame), stroke: s.color, width: s.width, dashed: s.dashed, className: "series",
        label: s.name)
    }
    document.append("</g>")
    if legendSeries.count > 1 {
      let x = width - frame.right + 10
      for (k, s) in legendSeries.enumerated() {
        let y = frame.top + 8 + Double(k) * 16
        document.line(from: (x, y), to: (x + 18, y), stroke: s.color, width: 2, dashed: s.dashed)
        document.text(s.name, x: x + 22, y: y + 4, size: 11)
      }
    }
    return document.text
  }

  private var legendSeries: [LineSeries] { series.filter(\.inLegend) }

  private func pathData(_ s: LineSeries, _ frame: PlotFrame) -> String {
    var parts = [String]()
    var drawing = false
    for k in 0..<min(s.x.count, s.y.count) {
      guard let px = frame.x(s.x[k]), let py = frame.y(s.y[k]) else {
        drawing = false
        continue
      }
      // Far-off points are pulled in to a bounded distance; the clip hides them anyway.
      let cx = min(max(px, -10 * width), 11 * width)
      let cy = min(max(py, -10 * height), 11 * height)
      parts.append("\(drawing ? "L" : "M")\(svg(cx)) \(svg(cy))")
      drawing = true
    }
    return parts.isEmpty ? "M0 0" : parts.joined(separator: " ")
  }
}

/// A short identifier that depends only on `parts` (FNV-1a), for element ids that must be
/// the same from run to run and differ between figures on one page.
func stableIdentifier(_ parts: [String]) -> String {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in parts.joined(separator: "\u{1f}").utf8 {
    hash ^= UInt64(byte)
    hash = hash &* 0x100_0000_01b3
  }
  return String(hash, radix: 36)
}
