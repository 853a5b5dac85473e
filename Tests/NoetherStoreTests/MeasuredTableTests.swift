import Foundation
import Testing

@testable import NoetherStore

/// `MeasuredTable`: a table without quotation marks is cut at the delimiter's bytes, one
/// with them is parsed by SwiftCSV; both give the same fields.
@Suite struct MeasuredTableTests {
  /// The same rows written twice, the second time with the header's names quoted (which
  /// sends the whole table through SwiftCSV): every row's fields are equal, for commas,
  /// tabs and whitespace, with padding, CRLF line ends, comments and (between commas or
  /// tabs) an empty last field on the last line, which SwiftCSV alone used to drop.
  @Test(arguments: [MeasuredTable.Delimiter.comma, .tab, .whitespace])
  func bothSplitsGiveTheSameFields(delimiter: MeasuredTable.Delimiter) throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let separator = delimiter == .comma ? "," : delimiter == .tab ? "\t" : "  \t "
    let header = ["trial", "t", "x", "note"]
    let rows = [
      ["1", "0.0", " 1.5", "a"], ["2", "0.0", "3.25", "b"],
      ["1", "0.25 ", "-2e-3", delimiter == .whitespace ? "c" : ""],
    ]
    func table(_ names: [String]) -> String {
      let body = rows.map { row in
        delimiter == .whitespace
          ? row.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: separator)
          : row.joined(separator: separator)
      }
      return (["# a comment with a \"quote\""] + [names.joined(separator: separator)] + body)
        .joined(separator: "\r\n") + "\r\n"
    }
    let plain = dir + "/plain.txt"
    let quoted = dir + "/quoted.txt"
    try table(header).write(toFile: plain, atomically: true, encoding: .utf8)
    try table(header.map { "\"\($0)\"" }).write(toFile: quoted, atomically: true, encoding: .utf8)
    let fast = try MeasuredTable.read(plain, delimiter: delimiter)
    let parsed = try MeasuredTable.read(quoted, delimiter: delimiter)
    #expect(fast.columnNames == header && parsed.columnNames == header)
    #expect(fast.rows == parsed.rows)
    #expect(fast.lines == [3, 4, 5] && parsed.lines == fast.lines)
    let last = delimiter == .whitespace ? "c" : ""
    #expect(
      fast.rows == [["1", "0.0", "1.5", "a"], ["2", "0.0", "3.25", "b"], ["1", "0.25", "-2e-3", last]])
  }

  /// A quoted field holding the delimiter stays one field (RFC 4180), as SwiftCSV parses it.
  @Test func aQuotedFieldKeepsItsComma() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/quoted.csv"
    try "t,\"x, left\",v\n0,1.5,2\n0.5,\"1.25\",3\n".write(toFile: path, atomically: true, encoding: .utf8)
    let table = try MeasuredTable.read(path)
    #expect(table.columnNames == ["t", "x, left", "v"])
    #expect(try table.numbers(1) == [1.5, 1.25])
  }
}
