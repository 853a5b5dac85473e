import Foundation

/// An SVG image built element by element. Coordinates are pixels with the origin at
/// the top left; numbers are written with two decimals and text is XML-escaped, so
/// `text` is always well-formed XML.
public struct SVGDocument {
  public let width: Double
  public let height: Double
  private var elements: [String] = []

  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// Appends a raw element; the caller guarantees it is well-formed.
  mutating func append(_ element: String) { elements.append(element) }

  /// A straight line.
  public mutating func line(
    from a: (Double, Double), to b: (Double, Double), stroke: String, width: Double = 1, dashed: Bool = false
  ) {
    append(
      "<line x1=\"\(svg(a.0))\" y1=\"\(svg(a.1))\" x2=\"\(svg(b.0))\" y2=\"\(svg(b.1))\" stroke=\"\(stroke)\" stroke-width=\"\(svg(width))\"\(dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
    )
  }

  /// A rectangle.
  public mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String = "none"
  ) {
    append(
      "<rect x=\"\(svg(x))\" y=\"\(svg(y))\" width=\"\(svg(width))\" height=\"\(svg(height))\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
    )
  }

  /// Text anchored at (x, y); `anchor` is `start`, `middle` or `end`; `rotate` in degrees.
  public mutating func text(
    _ content: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
    rotate: Double = 0, weight: String = "normal"
  ) {
    let transform = rotate == 0 ? "" : " transform=\"rotate(\(svg(rotate)) \(svg(x)) \(svg(y)))\""
    append(
      "<text x=\"\(svg(x))\" y=\"\(svg(y))\" font-size=\"\(svg(size))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\"\(transform)>\(xmlEscaped(content))</text>"
    )
  }

  /// A path from `d` (SVG path data) with a class, so tests and style sheets can find it.
  public mutating func path(
    _ d: String, stroke: String, width: Double = 1.5, dashed: Bool = false, className: String,
    label: String
  ) {
    append(
      "<path class=\"\(className)\" data-label=\"\(xmlEscaped(label))\" d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(svg(width))\" stroke-linejoin=\"round\"\(dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
    )
  }

  /// An embedded raster image (a data URI), stretched over the rectangle.
  public mutating func image(dataURI: String, x: Double, y: Double, width: Double, height: Double) {
    append(
      "<image x=\"\(svg(x))\" y=\"\(svg(y))\" width=\"\(svg(width))\" height=\"\(svg(height))\" preserveAspectRatio=\"none\" href=\"\(dataURI)\"/>"
    )
  }

  /// The document as SVG text (the root element carries its size and a sans-serif font).
  public var text: String {
    let open =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(svg(width))\" height=\"\(svg(height))\" viewBox=\"0 0 \(svg(width)) \(svg(height))\" font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\">"
    return ([open, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"] + elements + ["</svg>"])
      .joined(separator: "\n")
  }
}

/// A coordinate with two decimals (`12.35`), the precision of a pixel grid.
func svg(_ x: Double) -> String { String(format: "%.2f", x) }

/// `s` with `&`, `<`, `>`, `"` and `'` replaced by XML entities.
public func xmlEscaped(_ s: String) -> String {
  var out = ""
  out.reserveCapacity(s.count)
  for c in s {
    switch c {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&apos;"
    default: out.append(c)
    }
  }
  return out
}
