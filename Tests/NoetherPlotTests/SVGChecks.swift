import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses `text` as XML and returns every element's name and attributes, in document
/// order; records an issue if the text is not well-formed.
func parseXML(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [(
  name: String, attributes: [String: String]
)] {
  final class Collector: NSObject, XMLParserDelegate {
    var elements = [(name: String, attributes: [String: String])]()
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      elements.append((name, attributes))
    }
  }
  let parser = XMLParser(data: Data(text.utf8))
  let collector = Collector()
  parser.delegate = collector
  let ok = parser.parse()
  #expect(
    ok, "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")", sourceLocation: sourceLocation)
  return collector.elements
}

/// The coordinates of every point in SVG path data made of M and L commands.
func pathPoints(_ d: String) -> [(Double, Double)] {
  let numbers = d.split(whereSeparator: { "ML ".contains($0) }).compactMap { Double($0) }
  return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
}
