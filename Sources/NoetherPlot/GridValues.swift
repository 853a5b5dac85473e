/// Values of a scalar function on a rectangular grid: `values[j * xs.count + i]` is the
/// value at (xs[i], ys[j]). Coordinates increase along each axis.
public struct GridValues: Sendable {
  public let xs: [Double]
  public let ys: [Double]
  public let values: [Double]

  /// Nil unless `values.count == xs.count * ys.count` and both axes have two or more points.
  public init?(xs: [Double], ys: [Double], values: [Double]) {
    guard xs.count >= 2, ys.count >= 2, values.count == xs.count * ys.count else { return nil }
    self.xs = xs
    self.ys = ys
    self.values = values
  }

  public subscript(i: Int, j: Int) -> Double { values[j * xs.count + i] }

  /// The smallest and largest finite values (nil if none is finite).
  public var finiteRange: (Double, Double)? {
    let finite = values.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else { return nil }
    return (low, high)
  }
}
