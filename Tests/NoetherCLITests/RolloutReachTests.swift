import NoetherCore
import Testing

@testable import NoetherCompare

@Suite struct RolloutReachTests {
  /// Two trajectories of two points in 2-D, as a solution on times [0, 1].
  func solution(_ states: [Double], count: Int) -> Solution {
    var solution = Solution(times: [0, 1], count: count, dimension: 2)
    solution.states = states
    return solution
  }

  @Test func countsRolloutsBeyondTwiceTheKnownRadius() throws {
    // Training data: largest norm 1 (the point (0.6, 0.8)); truth: largest norm 1.5.
    let data = try TrajectorySet(
      times: [0, 1], states: [0.6, 0.8, 0.1, 0.1], derivatives: [0, 0, 0, 0], dimension: 2, split: [.train])
    let truth = solution([1.5, 0, 0, 1, 0.5, 0, 0, 0.5], count: 2)
    let reach = RolloutReach(data: data, truth: truth)
    #expect(abs(reach.knownRadius - 1.5) < 1e-15)
    // Inside (norm 3 = 2R exactly), outside (norm 5), outside (NaN).
    let rollout = solution([3, 0, 0, 1, 3, 4, 0, 0, .nan, 0, 0, 0], count: 3)
    #expect(RolloutReach.largestNorms(of: rollout).prefix(2) == [3, 5])
    let (outside, largest) = reach.assess(rollout)
    #expect(outside == 2)
    #expect(largest == .infinity)
    #expect(reach.assess(solution([1, 1, 2, 2, 0, 0, 0, 0], count: 2)) == (0, 8.0.squareRoot()))
  }

  @Test func theReportNotesRunsWhoseRolloutsLeftTheData() {
    var record = ComparisonRecord(
      systemName: "toy", protocolName: "test", invariantNames: [], methods: ["concernet"], seeds: [7],
      noise: 0)
    record.metricColumns = ComparisonRecord.builtInMetricColumns(invariants: [])
    let system = Rotation3D()
    var truth = Solution(times: [0, 1], count: 7, dimension: 3)
    truth.states = [Double](repeating: 0.5, count: 42)
    var rollout = truth
    rollout.states[0] = 19.4  // trajectory 1 reaches 19.4
    for k in 1..<6 { rollout.states[6 * k] = 4 }  // five more beyond 2R = 2√3 (not the last)
    let data = try! TrajectorySet(
      times: [0, 1], states: [Double](repeating: 1, count: 6), derivatives: [Double](repeating: 0, count: 6),
      dimension: 3, split: [.train])
    let evaluation = RunEvaluation(
      system: system, data: data, truth: truth, rollout: rollout, invariants: nil, seconds: [:],
      knownRadius: RolloutReach(data: data, truth: truth).knownRadius)
    let measured = RolloutsOutsideData().measure(evaluation)
    var run = MethodRun(method: "concernet", seed: 7, outcome: .completed)
    run.metrics = measured.values
    run.metrics["mse"] = 1
    run.notes = measured.notes
    record.runs = [run]
    let report = ComparisonReport(record)
    #expect(
      report.notes == [
        "concernet, seed 7: 6 evaluation rollout(s) left the data (beyond twice the largest ‖x‖ of the data set and the truth; ‖x‖ reached 19.4)"
      ])
    #expect(
      (report.jsonObject["methods"] as! [String: [String: Any]])["concernet"]!["rollouts_outside_data"]
        as? Int == 6)
  }
}
