/// Sizes as people read them in error messages.
enum NumberFormatting {
  /// `1.5 GB`, `320 MB`, `12 kB`, `512 bytes` (powers of 1000).
  static func bytes(_ count: Int) -> String {
    let units = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
    for (size, unit) in units where Double(count) >= size {
      let value = Double(count) / size
      return (value >= 100 ? "\(Int(value.rounded()))" : "\((value * 10).rounded() / 10)") + " " + unit
    }
    return "\(count) bytes"
  }
}
