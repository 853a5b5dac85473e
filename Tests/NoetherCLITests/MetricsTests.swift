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
}
