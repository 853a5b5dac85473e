import NoetherCore

/// Everything a metric may look at for one evaluated run.
public struct RunEvaluation: Sendable {
  public let system: any DynamicalSystem
  /// The data set of the seed (training and test trajectories).
  public let data: TrajectorySet
  /// The true evaluation rollout, and the model's from the same initial states: the
  /// rollouts that count in the metrics (``RolloutStatus/countsInMetrics``) only.
  public let truth: Solution
  public let rollout: Solution
  /// The fitted model (nil in evaluations made by hand).
  public var model: (any DynamicsModel)? = nil
  /// The invariants the model carries (learned, known or discovered), if any.
  public let invariants: (any InvariantFunction)?
  /// The invariants the rollout was projected onto after every step, if any.
  public var projectedInvariants: (any InvariantFunction)? = nil
  /// The status of every evaluation rollout, those left out of `truth` and `rollout` too.
  public var rolloutStatuses: [RolloutStatus] = []
  /// The run's wall times so far (`train`, `evaluate`, shared work).
  public let seconds: [String: Double]
  /// The largest ‖x‖ of the data set and the truth (measured once per seed).
  public let knownRadius: Double

  public init(
    system: any DynamicalSystem, data: TrajectorySet, truth: Solution, rollout: Solution,
    invariants: (any InvariantFunction)?, seconds: [String: Double], knownRadius: Double
  ) {
    self.system = system
    self.data = data
    self.truth = truth
    self.rollout = rollout
    self.invariants = invariants
    self.seconds = seconds
    self.knownRadius = knownRadius
  }
}
