import NoetherCore

/// For each known invariant C of the system: the violation, mean over trajectories and
/// times of (C(x_model) − C(x_true))² (the ConCerNet paper, Table 3), with its course over time.
public struct InvariantViolation: ComparisonMetric {
  public static let keyPrefix = "violation:"
  public static let curvePrefix = "violation-over-time-"

  public init() {}

  public func columns(for system: any DynamicalSystem) -> [MetricColumn] {
    Self.columns(invariants: system.invariants.map(\.name))
  }

  static func columns(invariants: [String]) -> [MetricColumn] {
    invariants.map { MetricColumn(key: keyPrefix + $0, header: "violation \($0)", pairedBySeed: true) }
  }

  public func measure(_ evaluation: RunEvaluation) -> MetricValues {
    let truth = evaluation.truth
    let steps = truth.times.count
    let count = truth.count * steps
    let trueStates = StateBatch(count: count, dimension: truth.dimension, values: truth.states)
    let modelStates = StateBatch(count: count, dimension: truth.dimension, values: evaluation.rollout.states)
    var result = MetricValues()
    for invariant in evaluation.system.invariants {
      let c = invariant.values(at: trueStates)
      let m = invariant.values(at: modelStates)
      var perTime = [Double](repeating: 0, count: steps)
      for k in 0..<count { perTime[k % steps] += (m[k] - c[k]) * (m[k] - c[k]) }
      result.values[Self.keyPrefix + invariant.name] = perTime.reduce(0, +) / Double(max(count, 1))
      result.curves[Self.curvePrefix + invariant.name] = perTime.map { $0 / Double(max(truth.count, 1)) }
    }
    return result
  }
}
