import NoetherCore

/// A model's evaluation rollouts, each with its ``RolloutStatus``.
///
/// The rollouts are integrated as one batch (the step size shared, as for the truth).
/// When the batch stops early, each initial state is integrated again alone, so one
/// rollout that diverges or leaves where the model's field is defined no longer takes
/// the others with it. Then each rollout is classified in this order: stopped (its own
/// integration ended early, or a state is not finite), diverged (largest ‖x‖ beyond
/// ``RolloutStatus/divergenceFactor`` · R, R the largest ‖x‖ of the data and the truth),
/// left a known invariant's domain (the invariant not finite on the model's or the true
/// state while the state is), left the data (beyond 2R), else completed.
struct EvaluationRollouts {
  /// Every rollout, [count, times, dimension] (NaN after a rollout stopped).
  let solution: Solution
  /// One status per rollout.
  let statuses: [RolloutStatus]

  /// The indices of the rollouts that count in the metrics.
  var counted: [Int] { statuses.indices.filter { statuses[$0].countsInMetrics } }

  init(
    model: any DynamicsModel, from initial: StateBatch, truth: Solution, integrator: any Integrator,
    invariants: [KnownInvariant], knownRadius: Double
  ) {
    let times = truth.times
    var solution = model.rollout(from: initial, at: times, integrator: integrator)
    var alone: [IntegrationStatus]?
    if !solution.status.succeeded {
      let parts = (0..<initial.count).map { i in
        model.rollout(from: initial.selecting([i]), at: times, integrator: integrator)
      }
      alone = parts.map(\.status)
      solution = Solution.joining(parts, times: times, dimension: solution.dimension)
    }
    self.solution = solution
    let norms = RolloutReach.largestNorms(of: solution)
    statuses = (0..<initial.count).map { i in
      if let status = alone?[i], !status.succeeded { return .stopped(status) }
      let trajectory = solution.trajectory(i)
      if let k = (0..<times.count).first(where: { !trajectory.row($0).allSatisfy(\.isFinite) }) {
        return .stopped(.nonFinite(time: times[k]))
      }
      let reach = i < norms.count ? norms[i] : .infinity
      if knownRadius > 0, !(reach <= RolloutStatus.divergenceFactor * knownRadius) {
        return .diverged(reach: reach)
      }
      if let (name, time) = Self.firstUndefined(
        invariants, on: [trajectory, truth.trajectory(i)], times: times)
      {
        return .leftInvariantDomain(invariant: name, time: time)
      }
      return reach <= RolloutReach(knownRadius: knownRadius).factor * knownRadius
        ? .completed : .leftData(reach: reach)
    }
  }

  /// The known invariant that stops being finite first on any of these trajectories, and
  /// the time it does; nil when all are finite everywhere.
  private static func firstUndefined(
    _ invariants: [KnownInvariant], on trajectories: [StateBatch], times: [Double]
  ) -> (String, Double)? {
    var first: (name: String, index: Int)?
    for invariant in invariants {
      for trajectory in trajectories {
        let values = invariant.values(at: trajectory)
        guard let k = values.firstIndex(where: { !$0.isFinite }) else { continue }
        if first == nil || k < first!.index { first = (invariant.name, k) }
      }
    }
    return first.map { ($0.name, times[$0.index]) }
  }
}
