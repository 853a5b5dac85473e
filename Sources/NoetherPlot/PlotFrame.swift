/// The framed plotting area shared by every figure: margins, the two axes with ticks,
/// light grid lines, axis labels and a title. Maps data values to pixels.
public struct PlotFrame {
  public let width: Double
  public let height: Double
  public let xAxis: Axis
  public let yAxis: Axis
  /// Left, top, right and bottom margins around the plotting area, pixels.
  public var left = 64.0
  public var top = 30.0
  public var right = 16.0
  public var bottom = 46.0

  public init(width: Double, height: Double, xAxis: Axis, yAxis: Axis) {
    self.width = width
    self.height = height
    self.xAxis = xAxis
    self.yAxis = yAxis
  }

  /// The pixel column of data value `x` (nil if it cannot be drawn on this axis).
  public func x(_ value: Double) -> Double? {
    xAxis.fraction(value).map { left + $0 * (width - left - right) }
  }

  /// The pixel row of data value `y` (rows grow downwards).
  public func y(_ value: Double) -> Double? {
    yAxis.fraction(value).map { height - bottom - $0 * (height - top - bottom) }
  }

  /// Draws grid lines (unless `gridLines` is false), the frame, tick marks with labels, the axis labels and the title.
  public func draw(
    into document: inout SVGDocument, title: String, xLabel: String, yLabel: String, gridLines: Bool = true
  ) {
    let x0 = left
    let x1 = width - right
    let y0 = top
    let y1 = height - bottom
    for tick in xAxis.ticks {
      guard let px = x(tick) else { continue }
      if gridLines { document.line(from: (px, y0), to: (px, y1), stroke: "#e4e4e4") }
      document.line(from: (px, y1), to: (px, y1 + 5), stroke: "#333")
      document.text(xAxis.label(tick), x: px, y: y1 + 18, size: 11, anchor: "middle")
    }
    for tick in yAxis.ticks {
      guard let py = y(tick) else { continue }
      if gridLines { document.line(from: (x0, py), to: (x1, py), stroke: "#e4e4e4") }
      document.line(from: (x0 - 5, py), to: (x0, py), stroke: "#333")
      document.text(yAxis.label(tick), x: x0 - 8, y: py + 4, size: 11, anchor: "end")
    }
    document.rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0, fill: "none", stroke: "#333")
    document.text(xLabel, x: (x0 + x1) / 2, y: height - 8, size: 12, anchor: "middle")
    document.text(yLabel, x: 14, y: (y0 + y1) / 2, size: 12, anchor: "middle", rotate: -90)
    document.text(title, x: (x0 + x1) / 2, y: 18, size: 13, anchor: "middle", weight: "bold")
  }
}
