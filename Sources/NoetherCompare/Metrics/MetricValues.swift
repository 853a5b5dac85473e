/// What a metric measures on one run.
public struct MetricValues: Sendable {
  /// Values by column key.
  public var values: [String: Double]
  /// Curves over the evaluation times by name (drawn by the report with every method on one plot).
  public var curves: [String: [Double]]
  /// Remarks about this run, printed under the table as "method, seed s: note".
  public var notes: [String]

  public init(values: [String: Double] = [:], curves: [String: [Double]] = [:], notes: [String] = []) {
    self.values = values
    self.curves = curves
    self.notes = notes
  }
}
