import NoetherCore

/// A quantity measured on every evaluated run of a comparison: the MSE, each known
/// invariant's violation, R², rollouts that leave the data, wall times, or a user's own.
///
/// A metric names its columns for a system (``MetricColumn``: key, header, format,
/// whether it is paired seed by seed) and measures a run's values by those keys; it may
/// add curves over the evaluation times (drawn by the report) and notes (printed under
/// the table). The table, the JSON, the results file and the report carry any metric by
/// its keys, and read it back without the type.
public protocol ComparisonMetric: Sendable {
  /// The columns this metric fills for a comparison on `system`, in table order.
  func columns(for system: any DynamicalSystem) -> [MetricColumn]
  /// The values of one run, keyed by the columns' keys (a key left out is "not measured").
  func measure(_ evaluation: RunEvaluation) -> MetricValues
}
