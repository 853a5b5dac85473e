import Foundation
import Testing

@testable import NoetherCore

/// Trajectories of their own lengths and times: the layout's ranges, selection that finds
/// shared times again, and the per-trajectory estimates (ẋ, noise, drift) that each use a
/// trajectory's own points and times.
@Suite struct TrajectoryLayoutTests {
  /// Three trajectories of x = (cos t, −sin t) with 5, 8 and 5 samples; the first and the
  /// last at the same times, the middle one at its own.
  func set() throws -> TrajectorySet {
    let times = [
      [0, 0.1, 0.2, 0.3, 0.4], [0, 0.05, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6], [0, 0.1, 0.2, 0.3, 0.4],
    ]
    let states = times.flatMap { $0.flatMap { [cos($0), -sin($0)] } }
    return try TrajectorySet(
      times: times, states: states, derivatives: states, dimension: 2, split: [.train, .train, .test])
  }

  @Test func rangesCountsAndSelectionFollowTheLengths() throws {
    let set = try set()
    #expect(!set.sharesTimes && set.layout.lengths == [5, 8, 5] && set.totalPointCount == 18)
    #expect(set.layout.range(1) == 5..<13 && set.layout.commonLength == nil && set.pointCount == 8)
    #expect(set.trajectory(2).values == set.trajectory(0).values && set.lengthText == "5 to 8")
    // The first and the last share their times: selected alone they are one grid again.
    let ends = set.selecting([2, 0])
    #expect(ends.sharesTimes && ends.times == [0, 0.1, 0.2, 0.3, 0.4] && ends.split == [.test, .train])
    #expect(ends.layout == TrajectoryLayout(count: 2, length: 5))
    #expect(set.selecting([1]).times == set.times(of: 1))
    // Shapes that do not add up are refused, not trapped on.
    #expect(throws: NoetherError.self) {
      try TrajectorySet(
        times: [[0, 1], [0, 1, 2]], states: [Double](repeating: 0, count: 8),
        derivatives: [Double](repeating: 0, count: 8), dimension: 2, split: [.train, .test])
    }
  }

  /// ẋ by finite differences on each trajectory's own uneven grid: (−sin t, −cos t) to the
  /// second-order error of the three-point formulas, at most h₁(h₁ + h₂)/6 · max|x'''| =
  /// 3.3·10⁻³ at an end of steps 0.1, 0.1 (a shared grid would be wrong by O(Δt)); the drift
  /// of cos² + sin² is zero along every trajectory whatever its length.
  @Test func derivativesAndDriftUseEachTrajectorysOwnTimes() throws {
    let set = try set().rederived(with: FiniteDifference())
    var worst = 0.0
    for k in 0..<3 {
      let times = set.times(of: k)
      for (i, t) in times.enumerated() {
        let row = (set.layout.starts[k] + i) * 2
        worst = max(worst, abs(set.derivatives[row] + sin(t)), abs(set.derivatives[row + 1] + cos(t)))
      }
    }
    #expect(worst < 3.5e-3, "\(worst)")
    var radius = [Double]()
    for i in 0..<set.totalPointCount {
      let (x, y) = (set.states[2 * i], set.states[2 * i + 1])
      radius.append(x * x + y * y)
    }
    let drift = InvariantDrift(name: "r²", values: radius, layout: set.layout)
    #expect(drift.maximumAbsolute < 1e-15 && drift.meanSquared < 1e-30)
  }
}
