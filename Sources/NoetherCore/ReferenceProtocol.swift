/// How a system's data are generated and its models evaluated: the numbers of the
/// reference protocol (docs/comparison.md; the ConCerNet paper, Wang et al. 2023).
public struct ReferenceProtocol: Sendable, Equatable {
  /// The protocol's name, recorded in every file made with it.
  public var name: String
  /// Number of trajectories generated.
  public var trajectoryCount: Int
  /// The first `trainingCount` trajectories are the training split; the rest test.
  public var trainingCount: Int
  /// Points per trajectory, on an even grid over [0, duration].
  public var pointCount: Int
  /// Length in time of each generated trajectory.
  public var duration: Double
  /// Length in time of the evaluation rollouts.
  public var evaluationHorizon: Double
  /// Points per evaluation rollout, on an even grid over [0, evaluationHorizon].
  public var evaluationPointCount: Int
  /// Number of fresh initial states for evaluation.
  public var evaluationTrajectoryCount: Int
  /// Standard deviation of the Gaussian noise added to states and derivatives.
  public var noise: Double
  /// The seed of the run.
  public var seed: UInt64
  /// Relative tolerance of the adaptive integrator that makes the data.
  public var relativeTolerance: Double
  /// Absolute tolerance of the adaptive integrator that makes the data.
  public var absoluteTolerance: Double

  public init(
    name: String = "concernet-reference", trajectoryCount: Int, trainingCount: Int,
    pointCount: Int, duration: Double, evaluationHorizon: Double,
    evaluationPointCount: Int = 1001, evaluationTrajectoryCount: Int = 10,
    noise: Double = 0.01, seed: UInt64 = 2023,
    relativeTolerance: Double = 1e-10, absoluteTolerance: Double = 1e-12
  ) {
    self.name = name
    self.trajectoryCount = trajectoryCount
    self.trainingCount = trainingCount
    self.pointCount = pointCount
    self.duration = duration
    self.evaluationHorizon = evaluationHorizon
    self.evaluationPointCount = evaluationPointCount
    self.evaluationTrajectoryCount = evaluationTrajectoryCount
    self.noise = noise
    self.seed = seed
    self.relativeTolerance = relativeTolerance
    self.absoluteTolerance = absoluteTolerance
  }

  /// The same protocol with `trajectories` trajectories, keeping the training fraction
  /// (rounded to the nearest whole trajectory).
  public func resized(trajectories: Int) -> ReferenceProtocol {
    var copy = self
    let fraction = Double(trainingCount) / Double(max(trajectoryCount, 1))
    copy.trajectoryCount = trajectories
    copy.trainingCount = min(trajectories, Int((fraction * Double(trajectories)).rounded()))
    return copy
  }

  /// The sampling times of a generated trajectory: `pointCount` even points on [0, duration].
  public var times: [Double] { evenGrid(from: 0, to: duration, count: pointCount) }

  /// The sampling times of an evaluation rollout.
  public var evaluationTimes: [Double] {
    evenGrid(from: 0, to: evaluationHorizon, count: evaluationPointCount)
  }
}

/// `count` evenly spaced values from `start` to `end` inclusive (NumPy's `linspace`).
public func evenGrid(from start: Double, to end: Double, count: Int) -> [Double] {
  guard count > 1 else { return count == 1 ? [start] : [] }
  let step = (end - start) / Double(count - 1)
  return (0..<count).map { $0 == count - 1 ? end : start + Double($0) * step }
}
