#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way numbers become text in Noether's tables, notes, formulas and messages
/// (C's printf conversions, so the digits are the same everywhere).
public enum NumberFormat {
  /// `digits` digits after the point in scientific notation: `1.23e-09` for 2.
  public static func scientific(_ x: Double, digits: Int = 2) -> String { printf("%.\(digits)e", x) }

  /// `digits` digits after the point: `3.142` for 3.
  public static func fixed(_ x: Double, digits: Int) -> String { printf("%.\(digits)f", x) }

  /// `digits` significant digits, the shorter of fixed and scientific (`%g`): `0.0123`.
  public static func significant(_ x: Double, digits: Int = 3) -> String { printf("%.\(digits)g", x) }

  /// A short readable form: integers as integers (`3`), moderate values with four
  /// significant digits (`0.01`), others in scientific notation (`1.23e-09`), `nan`.
  public static func short(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
    if abs(x) >= 1e-3, abs(x) < 1e5 { return significant(x, digits: 4) }
    return x == 0 ? "0" : scientific(x)
  }

  /// A size in bytes as people read it: `1.5 GB`, `320 MB`, `12 kB`, `512 bytes`
  /// (powers of 1000).
  public static func bytes(_ count: Int) -> String {
    let units = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
    for (size, unit) in units where Double(count) >= size {
      let value = Double(count) / size
      return (value >= 100 ? "\(Int(value.rounded()))" : "\((value * 10).rounded() / 10)") + " " + unit
    }
    return "\(count) bytes"
  }

  private static func printf(_ format: String, _ x: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 512)
    _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, format, $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
