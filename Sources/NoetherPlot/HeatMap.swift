import Foundation

/// A scalar field over two coordinates (for a PDE: space against time) as colours,
/// with a colour bar.
///
/// The field is drawn as one embedded PNG (viridis, `valueRange` mapped to dark–light)
/// stretched over the frame; grids wider than `maximumColumns` are thinned by taking
/// evenly spaced columns. Shared `valueRange`s make several maps comparable; values
/// outside the range take the end colours, non-finite values are magenta.
public struct HeatMap {
  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var valueLabel: String
  public var grid: GridValues
  public var valueRange: (Double, Double)?
  public var maximumColumns = 300
  public var width = 420.0
  public var height = 260.0

  public init(title: String, xLabel: String, yLabel: String, valueLabel: String, grid: GridValues) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.valueLabel = valueLabel
    self.grid = grid
  }

  /// The values mapped to the colour bar's ends.
  public var range: (Double, Double) {
    let (low, high) = valueRange ?? grid.finiteRange ?? (0, 1)
    return high > low ? (low, high) : (low - 0.5, low + 0.5)
  }

  public var frame: PlotFrame {
    var frame = PlotFrame(
      width: width, height: height, xAxis: Axis(covering: [grid.xs.first!, grid.xs.last!]),
      yAxis: Axis(covering: [grid.ys.first!, grid.ys.last!]))
    frame.right = 80
    return frame
  }

  /// The rendered field, top row = largest y.
  public var image: PNGImage {
    let (low, high) = range
    let columns = max(1, min(grid.xs.count, maximumColumns))
    let rows = grid.ys.count
    var image = PNGImage(width: columns, height: rows)
    for c in 0..<columns {
      let i = columns == 1 ? 0 : c * (grid.xs.count - 1) / (columns - 1)
      for r in 0..<rows {
        let value = grid[i, rows - 1 - r]
        image[c, r] = value.isFinite ? Palette.sequential((value - low) / (high - low)) : (255, 0, 255)
      }
    }
    return image
  }

  public var svgText: String {
    let frame = self.frame
    var document = SVGDocument(width: width, height: height)
    // Draw the image under the frame over exactly the grid's extent.
    let (x0, x1) = (frame.x(grid.xs.first!)!, frame.x(grid.xs.last!)!)
    let (y0, y1) = (frame.y(grid.ys.last!)!, frame.y(grid.ys.first!)!)
    document.image(dataURI: image.dataURI, x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    frame.draw(into: &document, title: title, xLabel: xLabel, yLabel: yLabel, gridLines: false)
    // Colour bar: 10 bands from low (bottom) to high (top), three labels.
    let (low, high) = range
    let barX = width - frame.right + 14
    let barTop = frame.top
    let barHeight = height - frame.top - frame.bottom
    for k in 0..<20 {
      let t = (Double(k) + 0.5) / 20
      document.rect(
        x: barX, y: barTop + barHeight * (1 - Double(k + 1) / 20), width: 12, height: barHeight / 20 + 0.5,
        fill: Palette.sequentialHex(t))
    }
    for (t, value) in [(0.0, low), (0.5, (low + high) / 2), (1.0, high)] {
      document.text(
        String(format: "%.3g", abs(value) < 1e-6 * (high - low) ? 0 : value), x: barX + 16,
        y: barTop + barHeight * (1 - t) + 4, size: 10)
    }
    document.text(valueLabel, x: barX + 6, y: barTop - 8, size: 11, anchor: "middle")
    return document.text
  }
}
