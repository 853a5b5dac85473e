import Foundation
import SwiftCSV

#if canImport(Glibc)
  import Glibc
#endif

/// A table of measurements read from text: CSV, TSV or whitespace-separated columns.
///
/// Lines are split at line breaks (LF, CRLF, CR); blank lines and comment lines (first
/// non-blank character `#` or `%`, or `//`) are skipped. The first remaining line is a
/// header of column names when any of its fields is not a number; otherwise the columns
/// are named by the caller, or `c1`, `c2`, …. Fields are split by SwiftCSV (quoted fields
/// as in RFC 4180; a whitespace table splits at runs of spaces and tabs), or, in a table
/// with no quotation mark, at the delimiter's bytes, which gives the same fields faster.
public struct MeasuredTable: Sendable {
  /// How fields are separated.
  public enum Delimiter: String, Sendable, CaseIterable {
    case comma, tab, whitespace
  }

  public let path: String
  public let delimiter: Delimiter
  /// One name per column.
  public let columnNames: [String]
  /// The fields of each data row, trimmed.
  public let rows: [[String]]
  /// Each data row's line number in the file (from 1).
  public let lines: [Int]

  /// Reads the table at `path`.
  /// - Parameters:
  ///   - path: the table's file.
  ///   - columns: names for the columns (all of them, in order), replacing the header's.
  ///   - delimiter: nil: from the extension (`.csv` comma, `.tsv` tab), else from the first
  ///     line (a comma, a tab, else whitespace).
  /// - Throws: `StoreError` naming the file, and the line where one is at fault: a
  ///   missing or unreadable file, no data rows, a row with another number of fields.
  public static func read(_ path: String, columns: [String]? = nil, delimiter: Delimiter? = nil) throws
    -> MeasuredTable
  {
    try checkRegularFile(path)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw StoreError.badTable(path: path, line: nil, problem: "cannot be read (permissions?)")
    }
    var text = String(decoding: data, as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // a byte-order mark
    var kept = [(line: Int, text: Substring)]()
    for (k, line) in lines(of: text).enumerated() {
      let start = line.drop { $0 == " " || $0 == "\t" }
      if start.isEmpty || start.hasPrefix("#") || start.hasPrefix("%") || start.hasPrefix("//") { continue }
      kept.append((k + 1, line))
    }
    guard let first = kept.first else {
      throw StoreError.badTable(
        path: path, line: nil, problem: "holds no data rows (only blank or comment lines)")
    }
    let chosen = delimiter ?? guessedDelimiter(path: path, firstLine: first.text)
    let fields = try split(kept.map(\.text), by: chosen, path: path)
    guard fields.count == kept.count else {
      throw StoreError.badTable(
        path: path, line: nil,
        problem: "has a quoted field across lines, which a table of measurements should not have")
    }
    let hasHeader = fields[0].contains { Double($0) == nil }
    let width = fields[0].count
    if let bad = fields.indices.first(where: { fields[$0].count != width }) {
      throw StoreError.badTable(
        path: path, line: kept[bad].line,
        problem:
          "has \(fields[bad].count) fields where line \(kept[0].line) has \(width); every row needs one field per column"
      )
    }
    var names = hasHeader ? fields[0] : (1...width).map { "c\($0)" }
    if let columns {
      guard columns.count == width else {
        throw StoreError.badTable(
          path: path, line: kept[0].line,
          problem:
            "has \(width) columns, but --columns names \(columns.count) (\(columns.joined(separator: ",")))")
      }
      names = columns
    }
    let body = hasHeader ? 1 : 0
    guard fields.count > body else {
      throw StoreError.badTable(path: path, line: nil, problem: "has a header but no data rows")
    }
    return MeasuredTable(
      path: path, delimiter: chosen, columnNames: names, rows: Array(fields[body...]),
      lines: kept[body...].map(\.line))
  }

  /// Refuses what is not a regular file (a FIFO would block the read), a file that
  /// cannot be examined (a symbolic-link loop), and one larger than a quarter of memory.
  static func checkRegularFile(_ path: String) throws {
    var info = stat()
    guard stat(path, &info) == 0 else {
      if errno == ENOENT { throw StoreError.fileNotFound(path: path) }
      throw StoreError.badTable(
        path: path, line: nil, problem: "cannot be examined: \(String(cString: strerror(errno)))")
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw StoreError.badTable(
        path: path, line: nil,
        problem: "is not a regular file (a directory, FIFO or device); give a table file")
    }
    let limit = ProcessInfo.processInfo.physicalMemory / 4
    guard UInt64(info.st_size) <= limit else {
      throw StoreError.badTable(
        path: path, line: nil,
        problem:
          "holds \(info.st_size) bytes, more than a quarter of this machine's memory (\(limit)); split the table"
      )
    }
  }

  /// True for a path whose extension names a table of measurements: `csv`, `tsv`, `txt`, `dat`.
  public static func isTable(_ path: String) -> Bool {
    ["csv", "tsv", "txt", "dat"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
  }

  /// The lines of `text`, split at LF, CRLF or CR, scanning bytes (splitting Characters
  /// took a tenth of the time on 10⁶ rows).
  static func lines(of text: String) -> [Substring] {
    var lines = [Substring]()
    let bytes = text.utf8
    var start = bytes.startIndex
    var i = start
    while i != bytes.endIndex {
      let byte = bytes[i]
      guard byte == 10 || byte == 13 else {
        i = bytes.index(after: i)
        continue
      }
      lines.append(text[start..<i])
      i = bytes.index(after: i)
      if byte == 13, i != bytes.endIndex, bytes[i] == 10 { i = bytes.index(after: i) }
      start = i
    }
    lines.append(text[start..<bytes.endIndex])
    return lines
  }

  /// The extension's delimiter, else the first line's: a comma, a tab, else whitespace.
  static func guessedDelimiter(path: String, firstLine: Substring) -> Delimiter {
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "csv": return .comma
    case "tsv": return .tab
    default: return firstLine.contains(",") ? .comma : firstLine.contains("\t") ? .tab : .whitespace
    }
  }

  /// Each line's fields, trimmed (for whitespace: split at runs of spaces and tabs). Lines
  /// with a quotation mark anywhere among them are split by SwiftCSV, quoted fields as in
  /// RFC 4180; without one, a field is the text between two delimiters, which
  /// `unquotedFields` cuts from the bytes (SwiftCSV's per-Character parse took 6 of 9.6 s
  /// on 10⁶ rows; the fields are the same either way).
  private static func split(_ lines: [Substring], by delimiter: Delimiter, path: String) throws -> [[String]]
  {
    if !lines.contains(where: { $0.utf8.contains(UInt8(ascii: "\"")) }) {
      return lines.map { unquotedFields(of: $0, by: delimiter) }
    }
    let body: String
    let csvDelimiter: CSVDelimiter
    switch delimiter {
    case .comma: (body, csvDelimiter) = (lines.joined(separator: "\n"), .comma)
    case .tab: (body, csvDelimiter) = (lines.joined(separator: "\n"), .tab)
    case .whitespace:
      body = lines.map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\n")
      csvDelimiter = .character(" ")
    }
    // Rows as parsed (EnumeratedCSV's own rows are padded to the header's width, which
    // would hide a short row). The text ends with a line break: without one, SwiftCSV
    // drops an empty last field of the last line (`3,` would read as one field).
    var rows = [[String]]()
    do {
      let table = try EnumeratedCSV(
        string: body + "\n", delimiter: csvDelimiter, loadColumns: false, rowLimit: 1)
      try table.enumerateAsArray(startAt: 0, rowLimit: nil) { rows.append($0) }
    } catch {
      throw StoreError.badTable(path: path, line: nil, problem: "cannot be parsed: \(error)")
    }
    return rows.map { row in
      let trimmed = row.map(trimmedSpaces)
      return delimiter == .whitespace ? trimmed.filter { !$0.isEmpty } : trimmed
    }
  }

  /// The fields of a line that holds no quotation mark: the text between delimiter bytes,
  /// trimmed of spaces and tabs; for whitespace, the non-empty runs between spaces and tabs.
  static func unquotedFields(of line: Substring, by delimiter: Delimiter) -> [String] {
    let bytes = line.utf8
    var fields = [String]()
    var start = bytes.startIndex
    var i = start
    switch delimiter {
    case .comma, .tab:
      let separator = UInt8(ascii: delimiter == .comma ? "," : "\t")
      while i != bytes.endIndex {
        if bytes[i] == separator {
          fields.append(trimmedSpaces(String(line[start..<i])))
          start = bytes.index(after: i)
        }
        i = bytes.index(after: i)
      }
      fields.append(trimmedSpaces(String(line[start..<bytes.endIndex])))
    case .whitespace:
      while i != bytes.endIndex {
        if bytes[i] == 32 || bytes[i] == 9 {
          if start != i { fields.append(String(line[start..<i])) }
          start = bytes.index(after: i)
        }
        i = bytes.index(after: i)
      }
      if start != bytes.endIndex { fields.append(String(line[start..<bytes.endIndex])) }
    }
    return fields
  }

  /// `field` without leading and trailing spaces and tabs (Foundation's trimming bridges
  /// through NSString and took a third of the time on 10⁶ rows).
  private static func trimmedSpaces(_ field: String) -> String {
    guard let first = field.utf8.first, let last = field.utf8.last,
      first == 32 || first == 9 || last == 32 || last == 9
    else { return field }
    var part = Substring(field)
    while let c = part.first, c == " " || c == "\t" { part.removeFirst() }
    while let c = part.last, c == " " || c == "\t" { part.removeLast() }
    return String(part)
  }

  /// The index of the column named `name`, or at 1-based position `name` (`3`).
  /// - Throws: `StoreError.badTable` listing the columns, for a name that is not one.
  public func column(_ name: String, option: String) throws -> Int {
    if let k = columnNames.firstIndex(of: name) { return k }
    if let position = Int(name), (1...columnNames.count).contains(position) { return position - 1 }
    throw StoreError.badTable(
      path: path, line: nil,
      problem:
        "has no column '\(name)' (\(option)); its columns are \(columnNames.joined(separator: ", ")) (or 1…\(columnNames.count) by position)"
    )
  }

  /// Column `k` as numbers.
  /// - Throws: `StoreError.badTable` at the first cell that is empty, not a number, or not finite.
  public func numbers(_ k: Int) throws -> [Double] {
    try rows.indices.map { i in
      let cell = rows[i][k]
      guard let value = Double(cell), value.isFinite else {
        let what =
          cell.isEmpty
          ? "is empty"
          : Double(cell) == nil
            ? "holds '\(cell.prefix(40))', not a number" : "is \(cell), not a finite number"
        throw StoreError.badTable(
          path: path, line: lines[i],
          problem: "column '\(columnNames[k])' \(what); fix the cell or leave the row out")
      }
      return value
    }
  }
}
