import NoetherCore

/// How well a rollout keeps invariants by itself: for each known invariant C of the
/// system, the largest relative change max over trajectories and times of
/// |C(x(t)) − C(x(0))| / max(1, |C(x(0))|) along the model's rollout (`drift:<name>`),
/// and with step projection the same for the invariants projected onto, largest over
/// them (`drift:projected`), which the projection keeps to round-off; for balance laws
/// (`BalanceFunction`) the change of C − ∫s, the integral by `CumulativeQuadrature` over
/// the evaluation times. That quadrature is the floor: a step-projected rollout is
/// smooth only between steps, and the damped oscillator's baseline projected onto its
/// energy's balance scores 4e-5 (the carried integral itself is kept to 10⁻¹²:
/// `ManifoldProjection.integrateCarrying`). Not table columns.
public struct RolloutInvariantDrift: ComparisonMetric {
  public static let keyPrefix = "drift:"

  public init() {}

  public func columns(for system: any DynamicalSystem) -> [MetricColumn] {
    system.invariants.map {
      MetricColumn(key: Self.keyPrefix + $0.name, header: "drift \($0.name)", shownInTable: false)
    } + [
      MetricColumn(
        key: Self.projectedKey, header: "drift of projected", shownInTable: false, blankWhenAbsent: true)
    ]
  }

  public static let projectedKey = "drift:projected"

  public func measure(_ evaluation: RunEvaluation) -> MetricValues {
    let rollout = evaluation.rollout
    let steps = rollout.times.count
    guard steps > 0, rollout.count > 0 else { return MetricValues() }
    let states = StateBatch(
      count: rollout.count * steps, dimension: rollout.dimension, values: rollout.states)
    var result = MetricValues()
    for invariant in evaluation.system.invariants {
      result.values[Self.keyPrefix + invariant.name] = Self.largestChange(
        invariant.values(at: states), functions: 1, trajectories: rollout.count, steps: steps)
    }
    if let projected = evaluation.projectedInvariants {
      var values = projected.values(at: states)
      if let balance = projected as? any BalanceFunction {
        let integral = CumulativeQuadrature(times: rollout.times).integrate(
          balance.sources(at: states), columns: balance.invariantCount, trajectories: rollout.count)
        for k in values.indices { values[k] -= integral[k] }
      }
      result.values[Self.projectedKey] = Self.largestChange(
        values, functions: projected.invariantCount, trajectories: rollout.count, steps: steps)
    }
    return result
  }

  /// The largest over the groups: each value is a largest change.
  public func combine(_ parts: [(values: MetricValues, samples: Int)]) -> MetricValues {
    MetricValues.largest(parts)
  }

  /// The largest relative change from each trajectory's start of values laid out
  /// [trajectory, time, function].
  static func largestChange(_ c: [Double], functions m: Int, trajectories: Int, steps: Int) -> Double {
    var worst = 0.0
    for trajectory in 0..<trajectories {
      for k in 0..<m {
        let start = c[(trajectory * steps) * m + k]
        for t in 0..<steps {
          let change = abs(c[(trajectory * steps + t) * m + k] - start) / max(1, abs(start))
          if !(change <= worst) { worst = change }
        }
      }
    }
    return worst
  }
}
