import NoetherCore

/// For each known balance law dC/dt = s of the system: how far the model's own rollouts
/// break it, the mean over rollouts and times of (C(x(t)) − C(x(0)) − ∫₀ᵗ s(x) dt)² along
/// the model's rollout x (the integral by `CumulativeQuadrature` over the evaluation
/// times), with its course over time. A model that keeps the law exactly scores the
/// integrator's and the quadrature's error; one that conserves C where the system
/// dissipates it scores the dissipation it misses.
public struct BalanceViolation: ComparisonMetric {
  public static let keyPrefix = "balance-violation:"
  public static let curvePrefix = "balance-violation-over-time-"

  public init() {}

  public func columns(for system: any DynamicalSystem) -> [MetricColumn] {
    system.balanceLaws.map {
      MetricColumn(key: Self.keyPrefix + $0.name, header: "balance violation \($0.name)", pairedBySeed: true)
    }
  }

  public func measure(_ evaluation: RunEvaluation) -> MetricValues {
    let rollout = evaluation.rollout
    let steps = rollout.times.count
    var result = MetricValues()
    guard steps >= 2 else { return result }
    let quadrature = CumulativeQuadrature(times: rollout.times)
    let states = StateBatch(
      count: rollout.count * steps, dimension: rollout.dimension, values: rollout.states)
    for law in evaluation.system.balanceLaws {
      let c = law.quantity.values(at: states)
      let integral = quadrature.integrate(law.sources(at: states), columns: 1, trajectories: rollout.count)
      var perTime = [Double](repeating: 0, count: steps)
      for i in 0..<rollout.count {
        for k in 0..<steps {
          let miss = c[i * steps + k] - c[i * steps] - integral[i * steps + k]
          perTime[k] += miss * miss / Double(rollout.count)
        }
      }
      result.values[Self.keyPrefix + law.name] = perTime.reduce(0, +) / Double(steps)
      result.curves[Self.curvePrefix + law.name] = perTime
    }
    return result
  }
}
