/// Level sets of a function of two variables, drawn by marching squares.
///
/// The levels are the quantiles at fractions k / (`levelCount` + 1), k = 1 … `levelCount`,
/// of the values at the grid points inside the ellipse inscribed in the grid. Because
/// that set of fractions is symmetric, a function and any strictly monotone transform
/// of it (increasing or decreasing) draw the same curves, which is what makes a learned
/// invariant (known only up to such a transform) comparable with the true one; taking
/// the quantiles inside the ellipse keeps the outer levels off the grid's corners.
/// Each level is one `<path class="contour">`, coloured from dark (low) to light (high).
public struct ContourPlot {
  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var grid: GridValues
  public var levelCount = 10
  public var width = 380.0
  public var height = 320.0

  public init(title: String, xLabel: String, yLabel: String, grid: GridValues) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.grid = grid
  }

  /// The level values, increasing (repeated values, as on a flat function, dropped).
  public var levels: [Double] {
    let (nx, ny) = (grid.xs.count, grid.ys.count)
    var inside = [Double]()
    for j in 0..<ny {
      for i in 0..<nx {
        let u = 2 * Double(i) / Double(nx - 1) - 1
        let v = 2 * Double(j) / Double(ny - 1) - 1
        if u * u + v * v <= 1, grid[i, j].isFinite { inside.append(grid[i, j]) }
      }
    }
    inside.sort()
    guard inside.count >= 2, levelCount >= 1 else { return [] }
    var levels = [Double]()
    for k in 1...levelCount {
      // Linear interpolation between order statistics, which treats both ends alike.
      let position = Double(k) / Double(levelCount + 1) * Double(inside.count - 1)
      let low = Int(position.rounded(.down))
      let high = min(low + 1, inside.count - 1)
      let level = inside[low] + (position - Double(low)) * (inside[high] - inside[low])
      if level != levels.last { levels.append(level) }
    }
    return levels
  }

  /// The frame, covering exactly the grid.
  public var frame: PlotFrame {
    PlotFrame(
      width: width, height: height, xAxis: Axis(covering: [grid.xs.first!, grid.xs.last!]),
      yAxis: Axis(covering: [grid.ys.first!, grid.ys.last!]))
  }

  public var svgText: String {
    let frame = self.frame
    var document = SVGDocument(width: width, height: height)
    frame.draw(into: &document, title: title, xLabel: xLabel, yLabel: yLabel)
    let levels = self.levels
    for (k, level) in levels.enumerated() {
      let color = Palette.sequentialHex(0.1 + 0.8 * Double(k) / Double(max(levels.count - 1, 1)))
      document.path(
        segments(at: level, frame), stroke: color, width: 1.6, className: "contour", label: svg(level))
    }
    return document.text
  }

  /// Marching squares: one "M … L …" segment per cell the level crosses. Saddle cells are
  /// resolved by the value at the cell's centre.
  func segments(at level: Double, _ frame: PlotFrame) -> String {
    var parts = [String]()
    for j in 0..<(grid.ys.count - 1) {
      for i in 0..<(grid.xs.count - 1) {
        let corners = [grid[i, j], grid[i + 1, j], grid[i + 1, j + 1], grid[i, j + 1]]
        guard corners.allSatisfy(\.isFinite) else { continue }
        let above = corners.map { $0 > level }
        // Edges in order bottom, right, top, left; edge e joins corners e and e + 1.
        var crossings = [(Int, Double, Double)]()
        for e in 0..<4 where above[e] != above[(e + 1) % 4] {
          let (a, b) = (corners[e], corners[(e + 1) % 4])
          let t = (level - a) / (b - a)
          let (x, y) = point(onEdge: e, of: i, j, at: t)
          crossings.append((e, x, y))
        }
        var pairs = [(Int, Int)]()
        if crossings.count == 2 {
          pairs = [(0, 1)]
        } else if crossings.count == 4 {
          let centreAbove = corners.reduce(0, +) / 4 > level
          // Corners 0 and 2 share a side; if the centre joins them, cut off corners 1 and 3.
          pairs = centreAbove == above[0] ? [(0, 1), (2, 3)] : [(0, 3), (1, 2)]
        }
        for (a, b) in pairs {
          guard let x0 = frame.x(crossings[a].1), let y0 = frame.y(crossings[a].2),
            let x1 = frame.x(crossings[b].1), let y1 = frame.y(crossings[b].2)
          else { continue }
          parts.append("M\(svg(x0)) \(svg(y0))L\(svg(x1)) \(svg(y1))")
        }
      }
    }
    return parts.isEmpty ? "M0 0" : parts.joined()
  }

  private func point(onEdge e: Int, of i: Int, _ j: Int, at t: Double) -> (Double, Double) {
    let (xa, xb, ya, yb) = (grid.xs[i], grid.xs[i + 1], grid.ys[j], grid.ys[j + 1])
    switch e {
    case 0: return (xa + t * (xb - xa), ya)
    case 1: return (xb, ya + t * (yb - ya))
    case 2: return (xb - t * (xb - xa), yb)
    default: return (xa, yb - t * (yb - ya))
    }
  }
}
