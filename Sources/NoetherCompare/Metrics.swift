import NoetherCore

/// The evaluation metrics of the reference protocol (docs/PROTOCOL.md, Table 3).
struct Metrics {
  /// Mean over trajectories, times and components of (x_true − x_model)².
  let meanSquaredError: Double
  /// Per known invariant C: mean over trajectories and times of (C(x_model) − C(x_true))².
  let violations: [String: Double]
  /// Per time: the squared error averaged over trajectories and components.
  let meanSquaredErrorOverTime: [Double]
  /// Per known invariant and time: (C(x_model) − C(x_true))² averaged over trajectories.
  let violationsOverTime: [String: [Double]]

  init(system: any DynamicalSystem, truth: Solution, rollout: Solution) {
    let a = truth.states
    let b = rollout.states
    let steps = truth.times.count
    let n = truth.dimension
    // Squared errors summed per time over trajectories and components; the MSE is
    // their total over all entries.
    var perTime = [Double](repeating: 0, count: steps)
    for trajectory in 0..<truth.count {
      for t in 0..<steps {
        let start = (trajectory * steps + t) * n
        for i in start..<(start + n) { perTime[t] += (a[i] - b[i]) * (a[i] - b[i]) }
      }
    }
    meanSquaredError = perTime.reduce(0, +) / Double(max(a.count, 1))
    meanSquaredErrorOverTime = perTime.map { $0 / Double(max(truth.count * n, 1)) }
    let count = truth.count * truth.times.count
    let trueStates = StateBatch(count: count, dimension: truth.dimension, values: a)
    let modelStates = StateBatch(count: count, dimension: truth.dimension, values: b)
    var violations = [String: Double]()
    var overTime = [String: [Double]]()
    for invariant in system.invariants {
      let c = invariant.values(at: trueStates)
      let m = invariant.values(at: modelStates)
      var perTime = [Double](repeating: 0, count: steps)
      for k in 0..<count { perTime[k % steps] += (m[k] - c[k]) * (m[k] - c[k]) }
      violations[invariant.name] = perTime.reduce(0, +) / Double(max(count, 1))
      overTime[invariant.name] = perTime.map { $0 / Double(max(truth.count, 1)) }
    }
    self.violations = violations
    self.violationsOverTime = overTime
  }
}
