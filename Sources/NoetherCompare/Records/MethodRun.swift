import NoetherCore

/// One method on one seed: its metrics (by key, from the comparison's
/// ``ComparisonMetric``s), their curves over evaluation time, timings, the evaluation
/// rollout and the model.
public struct MethodRun: Sendable {
  public var method: String
  public var seed: UInt64
  public var outcome: MethodOutcome
  /// Each metric's value by its key (`mse`, `violation:energy`, `r2:energy`, a user's key).
  public var metrics: [String: Double] = [:]
  /// Metric curves over the evaluation times by name (`mse-over-time`, …).
  public var curves: [String: [Double]] = [:]
  /// Remarks of the metrics about this run (rollouts that left the data).
  public var notes: [String] = []
  /// Wall time per phase (`train`, `evaluate`, `<shared work> (shared)`), seconds.
  public var seconds: [String: Double] = [:]
  /// How each evaluation rollout ended (empty when the run was not evaluated, or read
  /// from a file written before statuses were kept).
  public var rolloutStatuses: [RolloutStatus] = []
  /// The model's rollout from the evaluation initial states, [N, T, n] (empty if none).
  public var rollout: [Double] = []
  /// The learned invariants on the record's `invariantGrid`, one array per learned output.
  public var learnedInvariantGrid: [[Double]] = []
  /// Where the invariants the model carries come from (`learned`, `known`, `discovered`,
  /// …), when it carries any.
  public var invariantSource: String?
  /// The trained model, if any.
  public var archive: ModelArchive?

  public init(method: String, seed: UInt64, outcome: MethodOutcome) {
    self.method = method
    self.seed = seed
    self.outcome = outcome
  }
}

// MARK: - The built-in metrics' values

extension MethodRun {
  /// Mean over trajectories, times and components of (x_true − x_model)² (NaN if not measured).
  public var mse: Double { metrics[MeanSquaredError.key] ?? .nan }
  /// Per known invariant: mean over trajectories and times of (C(x_model) − C(x_true))².
  public var violation: [String: Double] { values(withPrefix: InvariantViolation.keyPrefix) }
  /// Per known invariant: R² of its best linear fit on the model's invariants (test trajectories).
  public var r2: [String: Double] { values(withPrefix: InvariantR2.keyPrefix) }
  /// Evaluation rollouts that left the data (``RolloutsOutsideData``).
  public var rolloutsOutsideData: Int {
    let count = metrics[RolloutsOutsideData.countKey] ?? 0
    return count >= 0 && count < 1e9 ? Int(count) : 0
  }
  /// The largest ‖x‖ any evaluation rollout reached (NaN when not measured).
  public var rolloutReach: Double { metrics[RolloutsOutsideData.reachKey] ?? .nan }
  /// Per evaluation time: the squared error averaged over trajectories and components.
  public var mseOverTime: [Double] { curves[MeanSquaredError.curveName] ?? [] }
  /// Per known invariant and evaluation time: (C(x_model) − C(x_true))² averaged over trajectories.
  public var violationOverTime: [String: [Double]] {
    var out = [String: [Double]]()
    for (name, values) in curves where name.hasPrefix(InvariantViolation.curvePrefix) {
      out[String(name.dropFirst(InvariantViolation.curvePrefix.count))] = values
    }
    return out
  }

  private func values(withPrefix prefix: String) -> [String: Double] {
    var out = [String: Double]()
    for (key, value) in metrics where key.hasPrefix(prefix) {
      out[String(key.dropFirst(prefix.count))] = value
    }
    return out
  }
}
