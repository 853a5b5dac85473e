import NoetherCore
import NoetherLearning
import NoetherNN

/// ConCerNet (Wang et al. 2023): learn the invariants contrastively (step 1), then fit
/// the dynamics network through the projection that keeps them (step 2). The
/// invariant network is frozen in step 2, so the projection basis at every training
/// point is computed once, before training.
public struct ConCerNetLearner: DynamicsLearner, Sendable {
  public var methodName: String { "concernet" }
  public var invariants: ContrastiveInvariantLearner
  public var dynamics: DynamicsNetworkTraining
  public var progress: ProgressHandler?

  public init(
    invariants: ContrastiveInvariantLearner = ContrastiveInvariantLearner(),
    dynamics: DynamicsNetworkTraining = DynamicsNetworkTraining(), progress: ProgressHandler? = nil
  ) {
    self.invariants = invariants
    self.dynamics = dynamics
    self.progress = progress
  }

  public func fit(_ data: TrajectorySet) throws -> NeuralDynamicsModel {
    var learner = invariants
    learner.progress = progress
    return try fit(data, invariant: learner.learnInvariants(from: data))
  }

  /// Step 2 alone, with a given (already learned) invariant network.
  public func fit(_ data: TrajectorySet, invariant: NetworkInvariant) throws -> NeuralDynamicsModel {
    let train = data.training
    let basis = ProjectionBasis(invariant, at: train.allStates)
    let h = try dynamics.fit(data, method: methodName, basis: basis, progress: progress)
    var settings = dynamics.training.archived
    settings["invariant_count"] = "\(invariant.invariantCount)"
    return NeuralDynamicsModel(methodName: methodName, network: h, invariant: invariant, settings: settings)
  }
}
