import Foundation
import NoetherCore
import Testing

@testable import NoetherCompare

/// A one-dimensional model ẋ = g(x), for rollouts whose fate is known in closed form.
struct ScalarModel: VectorFieldModel {
  let rate: @Sendable (Double) -> Double
  var dimension: Int { 1 }
  var methodName: String { "scalar" }
  func derivatives(at states: StateBatch) -> StateBatch {
    StateBatch(count: states.count, dimension: 1, values: states.values.map(rate))
  }
  func archive() -> ModelArchive { ModelArchive(method: "scalar", settings: [:], arrays: [:]) }
}

@Suite struct RolloutStatusTests {
  let times = evenGrid(from: 0, to: 2, count: 21)

  /// The truth for `starts`: x constant (only its times and finiteness matter here).
  func truth(_ starts: [Double]) -> Solution {
    var solution = Solution(times: times, count: starts.count, dimension: 1)
    solution.states = starts.flatMap { Array(repeating: $0, count: times.count) }
    return solution
  }

  func rollouts(_ model: ScalarModel, _ starts: [Double], invariants: [KnownInvariant] = [])
    -> EvaluationRollouts
  {
    EvaluationRollouts(
      model: model, from: StateBatch(count: starts.count, dimension: 1, values: starts), truth: truth(starts),
      integrator: DormandPrince45(relativeTolerance: 1e-9, absoluteTolerance: 1e-12), invariants: invariants,
      knownRadius: 1)
  }

  /// ẋ = 20x reaches e⁴⁰ ≈ 2.4·10¹⁷ from x₀ = 1 by t = 2, finite but beyond 10³ times
  /// the known radius 1: diverged. From 10⁻²⁰ it stays below 1: completed. From 0.05 it
  /// reaches 0.05 e⁴⁰ > 10³: diverged too; from 10⁻¹⁸ it ends at 0.24: completed.
  @Test func aFiniteButExplodingRolloutIsDivergedNotOk() {
    let result = rollouts(ScalarModel { 20 * $0 }, [1, 1e-20, 0.05, 1e-18])
    #expect(result.solution.status.succeeded)
    #expect(result.statuses.map(\.label) == ["diverged", "completed", "diverged", "completed"])
    if case .diverged(let reach) = result.statuses[0] {
      #expect(abs(reach / exp(40) - 1) < 1e-6, "\(reach)")
    }
    #expect(result.counted == [1, 3])
  }

  /// ẋ = x² blows up at t = 1/x₀: from x₀ = 1 before t = 2 (the batch stops), from 0.1
  /// not (x(2) = 0.1 / (1 − 0.2) = 0.125). Integrated alone, the second completes with
  /// its exact end value; the first is stopped.
  @Test func aRolloutThatStopsNoLongerTakesTheOthersWithIt() {
    let result = rollouts(ScalarModel { $0 * $0 }, [1, 0.1, 0.2])
    guard case .stopped(let status) = result.statuses[0] else {
      Issue.record("\(result.statuses[0])")
      return
    }
    #expect(!status.succeeded)
    #expect(result.statuses[1] == .completed && result.statuses[2] == .completed)
    let end = result.solution.trajectory(1).row(times.count - 1)[0]
    #expect(abs(end - 0.125) < 1e-8, "\(end)")
    #expect(abs(result.solution.trajectory(2).row(times.count - 1)[0] - 0.2 / 0.6) < 1e-8)
    #expect(result.counted == [1, 2])
  }

  /// ẋ = −1 from 0.5, 3 and 1.5 with the invariant ln x: the first crosses 0 at t = 0.5
  /// (ln x undefined from the grid time 0.6 on), the third at 1.5 (from 1.6); the second
  /// stays positive but beyond 2 = twice the known radius: left the data, counted.
  @Test func anInvariantThatStopsBeingDefinedLeavesItsRolloutOut() {
    let lnX = KnownInvariant("ln-x", "ln x") { x in log(x[0]) }
    let result = rollouts(ScalarModel { _ in -1 }, [0.5, 3, 1.5], invariants: [lnX])
    #expect(result.statuses[0] == .leftInvariantDomain(invariant: "ln-x", time: times[6]))
    #expect(result.statuses[1] == .leftData(reach: 3))
    #expect(result.statuses[2] == .leftInvariantDomain(invariant: "ln-x", time: times[16]))
    #expect(result.counted == [1])
    #expect(result.statuses.excludedSummary == "2 left the domain of ln-x")
  }

  @Test func everyStatusReadsBackFromItsStoredText() {
    let statuses: [RolloutStatus] = [
      .completed, .leftData(reach: 3.25), .diverged(reach: 2.5e17),
      .leftInvariantDomain(invariant: "ln x\tweird name", time: 0.6),
      .stopped(.nonFinite(time: 1)), .stopped(.stepSizeUnderflow(time: 0.75)),
      .stopped(.tooManySteps(time: 0.125)), .stopped(.projectionFailed(time: 2)),
    ]
    for status in statuses { #expect(RolloutStatus(storedText: status.storedText) == status) }
    #expect(RolloutStatus(storedText: "left-data\tfar") == nil)
    #expect(RolloutStatus(storedText: "exploded") == nil)
  }
}
