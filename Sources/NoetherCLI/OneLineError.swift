/// An error message made to print on one line: every control character (Unicode
/// category Cc: line feed, carriage return, the separators U+001C–U+001E, NEL …) and the
/// line and paragraph separators U+2028 and U+2029 are written as `\u{…}` escapes, so
/// that text quoted from a damaged file cannot split or rewrite the line.
struct OneLineError: Error, CustomStringConvertible {
  let description: String

  init(_ message: String) {
    var text = ""
    for scalar in message.unicodeScalars {
      switch scalar.properties.generalCategory {
      case .control, .lineSeparator, .paragraphSeparator:
        text += "\\u{" + String(scalar.value, radix: 16) + "}"
      default:
        text.unicodeScalars.append(scalar)
      }
    }
    description = text
  }
}
