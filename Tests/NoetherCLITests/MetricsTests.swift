import NoetherCore
import NoetherSystems
import Testing

@testable import NoetherCompare

@Suite struct MetricsTests {
  @Test func errorsAndViolationsMatchHandComputedValues() {
    // Two spring-mass trajectories at three times; the model is off by (0.1, 0) at
    // every point of the first and by (0, 0.2) at the last time of the second.
    var truth = Solution(times: [0, 1, 2], count: 2, dimension: 2)
    truth.states = [1, 0, 0, 1, -1, 0, 0.5, 0, 0, 0.5, -0.5, 0]
    var rollout = truth
    for i in [0, 2, 4] { rollout.states[i] += 0.1 }
    rollout.states[11] += 0.2
    let data = try! TrajectorySet(
      times: [0, 1], states: [1, 0, 0, 1], derivatives: [0, 1, -1, 0], dimension: 2, split: [.train])
    let evaluation = RunEvaluation(
      system: SpringMass(), data: data, truth: truth, rollout: rollout, invariants: nil, seconds: [:],
      knownRadius: 1)
    let mse = MeanSquaredError().measure(evaluation)
    let violation = InvariantViolation().measure(evaluation)
    // Squared errors: 0.01 at each time of trajectory 1, 0.04 at t = 2 of trajectory 2.
    #expect(abs(mse.values["mse"]! - (3 * 0.01 + 0.04) / 12) < 1e-15)
    let overTime = [0.01 / 4, 0.01 / 4, 0.05 / 4]
    let mseOverTime: [Double] = mse.curves["mse-over-time"]!
    #expect(zip(mseOverTime, overTime).allSatisfy { abs($0 - $1) < 1e-15 })
    // Energy q² + p²: trajectory 1 off by 0.21 (1 → 1.21), 0.01 (1 → 1.01) and −0.19
    // (1 → 0.81); trajectory 2 by 0.04 (0.25 → 0.29) at t = 2.
    let squares = [0.21 * 0.21, 0.01 * 0.01, 0.19 * 0.19 + 0.04 * 0.04]
    let energy: [Double] = violation.curves["violation-over-time-energy"]!
    #expect(zip(energy, squares.map { $0 / 2 }).allSatisfy { abs($0 - $1) < 1e-13 })
    let total: Double = squares.reduce(0, +) / 6
    #expect(abs(violation.values["violation:energy"]! - total) < 1e-13)
  }

  /// Groups of evaluation trajectories with their own times combine by kind: a mean
  /// over samples (MSE, the default) weighted by the samples each group scored, equal to
  /// the MSE over the pooled samples; a count summed; a largest change or reach the
  /// largest; notes once.
  @Test func groupsCombineAsTheirMetricsAverageCountOrBound() {
    func evaluation(_ truth: [Double], _ rollout: [Double], times: [Double]) -> RunEvaluation {
      var t = Solution(times: times, count: 1, dimension: 2)
      t.states = truth
      var r = t
      r.states = rollout
      let data = try! TrajectorySet(
        times: [0, 1], states: [1, 0, 0, 1], derivatives: [0, 1, -1, 0], dimension: 2, split: [.train])
      return RunEvaluation(
        system: SpringMass(), data: data, truth: t, rollout: r, invariants: nil, seconds: [:], knownRadius: 1)
    }
    // A trajectory of 2 times off by 0.1 in q; one of 3 times off by 0.3 in p at its end.
    let a = evaluation([1, 0, 0, 1], [1.1, 0, 0.1, 1], times: [0, 0.5])
    let b = evaluation([1, 0, 0, 1, -1, 0], [1, 0, 0, 1, -1, 0.3], times: [0, 0.7, 1.3])
    let metric = MeanSquaredError()
    let parts = [(metric.measure(a), 2), (metric.measure(b), 3)]
    let pooled = (0.01 + 0.01 + 0.09) / 10
    #expect(abs(metric.combine(parts).values["mse"]! - pooled) < 1e-15)
    #expect(metric.combine(parts).curves.isEmpty)
    let outside = RolloutsOutsideData()
    let counts = outside.combine([
      (MetricValues(values: ["rollouts_outside_data": 1, "rollout_reach": 5], notes: ["x"]), 2),
      (MetricValues(values: ["rollouts_outside_data": 2, "rollout_reach": 9]), 3),
    ])
    #expect(counts.values == ["rollouts_outside_data": 3, "rollout_reach": 9] && counts.notes.count == 1)
    let drift = RolloutInvariantDrift().combine([
      (MetricValues(values: ["drift:energy": 0.2]), 2), (MetricValues(values: ["drift:energy": 0.05]), 3),
    ])
    #expect(drift.values == ["drift:energy": 0.2])
  }
}
