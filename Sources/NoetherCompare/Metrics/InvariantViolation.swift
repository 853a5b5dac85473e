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
      let (value, curve) = Self.violation(
        model: invariant.values(at: modelStates), truth: invariant.values(at: trueStates), outputs: 1,
        output: 0, steps: steps)
      result.values[Self.keyPrefix + invariant.name] = value
      result.curves[Self.curvePrefix + invariant.name] = curve
    }
    return result
  }

  /// The mean over trajectories and times of (C(x_model) − C(x_true))² for output k of
  /// values laid out [trajectory, time, output] (m outputs, `steps` times), and its
  /// course over time (each time's sum over trajectories, divided by their count).
  static func violation(model: [Double], truth: [Double], outputs m: Int, output k: Int, steps: Int)
    -> (value: Double, curve: [Double])
  {
    let count = truth.count / max(m, 1)
    var perTime = [Double](repeating: 0, count: steps)
    for i in 0..<count {
      let difference = model[i * m + k] - truth[i * m + k]
      perTime[i % steps] += difference * difference
    }
    let trajectories = count / max(steps, 1)
    return (
      perTime.reduce(0, +) / Double(max(count, 1)), perTime.map { $0 / Double(max(trajectories, 1)) }
    )
  }
}
