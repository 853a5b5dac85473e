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
  /// One run's values from those measured on groups of evaluation trajectories with
  /// their own time grids (``EvaluationGroup``; `samples`: the trajectories times the
  /// points each group scored). The default suits a mean over trajectories and times:
  /// each value is the samples-weighted mean of the groups' (a value some group left out
  /// is the mean of those that have it); notes are kept once each, in order. Curves over
  /// time are left out, since the groups have no common time axis. A count or a largest
  /// value combines otherwise, and says so by implementing this.
  func combine(_ parts: [(values: MetricValues, samples: Int)]) -> MetricValues
}

extension ComparisonMetric {
  public func combine(_ parts: [(values: MetricValues, samples: Int)]) -> MetricValues {
    MetricValues.weightedMean(parts)
  }
}
