/// A value with its mean and standard deviation over seeds.
public struct SeedStatistics: Sendable, Equatable {
  public let mean: Double
  public let standardDeviation: Double

  /// Mean and (population) standard deviation of the finite values; NaN when none is finite.
  public init(_ values: [Double]) {
    let finite = values.filter(\.isFinite)
    guard !finite.isEmpty else {
      mean = .nan
      standardDeviation = .nan
      return
    }
    let m = finite.reduce(0, +) / Double(finite.count)
    mean = m
    standardDeviation = (finite.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(finite.count)).squareRoot()
  }
}
