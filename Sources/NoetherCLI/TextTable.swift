import Foundation

/// A plain-text table with left-aligned columns separated by two spaces.
struct TextTable {
  let header: [String]
  let rows: [[String]]

  var rendered: String {
    let all = [header] + rows
    let widths = header.indices.map { c in all.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
    func line(_ row: [String]) -> String {
      row.enumerated().map { c, cell in
        c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
      }.joined(separator: "  ")
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
  }
}

/// A number in a short, readable form (`3`, `0.01`, `1.23e-09`).
func format(_ x: Double) -> String {
  if x.isNaN { return "nan" }
  if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
  if abs(x) >= 1e-3, abs(x) < 1e5 { return String(format: "%.4g", x) }
  return scientific(x)
}

/// x in scientific notation with 3 significant digits (`1.23e-09`).
func scientific(_ x: Double) -> String {
  x == 0 ? "0" : String(format: "%.2e", x)
}
