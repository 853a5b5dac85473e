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

/// Everything a metric may look at for one evaluated run.
public struct RunEvaluation: Sendable {
  public let system: any DynamicalSystem
  /// The data set of the seed (training and test trajectories).
  public let data: TrajectorySet
  /// The true evaluation rollout, and the model's from the same initial states.
  public let truth: Solution
  public let rollout: Solution
  /// The invariants the model carries (learned, known or discovered), if any.
  public let invariants: (any InvariantFunction)?
  /// The run's wall times so far (`train`, `evaluate`, shared work).
  public let seconds: [String: Double]
  /// The largest ‖x‖ of the data set and the truth (measured once per seed).
  public let knownRadius: Double

  public init(
    system: any DynamicalSystem, data: TrajectorySet, truth: Solution, rollout: Solution,
    invariants: (any InvariantFunction)?, seconds: [String: Double], knownRadius: Double
  ) {
    self.system = system
    self.data = data
    self.truth = truth
    self.rollout = rollout
    self.invariants = invariants
    self.seconds = seconds
    self.knownRadius = knownRadius
  }
}
