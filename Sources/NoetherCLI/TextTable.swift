import Foundation

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
