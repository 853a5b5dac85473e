import NoetherCore

/// How far a model's evaluation rollouts go compared with the states the comparison
/// knows: the data set (training and test trajectories) and the true evaluation
/// trajectories.
///
/// With R = max ‖x‖ (Euclidean norm of the whole state) over those known states, a
/// rollout *leaves the data* when its largest ‖x(t)‖ exceeds `factor` · R (default 2).
/// Beyond that a learned model extrapolates and its errors say little about the method
/// (a learned invariant's level sets are no longer tied to the system's), so the
/// comparison reports how many of a run's rollouts did so and how far they reached.
public struct RolloutReach: Sendable {
  /// R, the largest state norm of the data set and the truth.
  public let knownRadius: Double
  /// A rollout leaves the data beyond `factor` · R.
  public let factor: Double

  /// With R given.
  public init(knownRadius: Double, factor: Double = 2) {
    self.knownRadius = knownRadius
    self.factor = factor
  }

  public init(data: TrajectorySet, truth: Solution, factor: Double = 2) {
    self.factor = factor
    knownRadius = max(
      Self.largestNorm(data.states, dimension: data.dimension),
      Self.largestNorm(truth.states, dimension: truth.dimension))
  }

  /// Per rollout trajectory its largest ‖x(t)‖ (non-finite values count as infinite).
  static func largestNorms(of rollout: Solution) -> [Double] {
    let (n, steps) = (rollout.dimension, rollout.times.count)
    guard n > 0, steps > 0, rollout.states.count == rollout.count * steps * n else { return [] }
    let states = rollout.states
    return (0..<rollout.count).map { k in
      largestNorm(states[(k * steps * n)..<((k + 1) * steps * n)], dimension: n)
    }
  }

  /// How many rollout trajectories leave the data, and the largest ‖x(t)‖ of any.
  public func assess(_ rollout: Solution) -> (outside: Int, reach: Double) {
    let norms = Self.largestNorms(of: rollout)
    return (norms.filter { !($0 <= factor * knownRadius) }.count, norms.max() ?? 0)
  }

  private static func largestNorm(_ values: some Collection<Double>, dimension n: Int) -> Double {
    var largest = 0.0
    var sum = 0.0
    var k = 0
    for value in values {
      sum += value * value
      k += 1
      if k == n {
        largest = sum.isNaN ? .infinity : max(largest, sum)
        if largest == .infinity { return .infinity }
        sum = 0
        k = 0
      }
    }
    return largest.squareRoot()
  }
}
