import NoetherCore
import NoetherLearning
import NoetherNN

/// ConCerNet (Wang et al. 2023): learn the invariants (step 1), then fit the dynamics
/// network through the hard projection that keeps them (step 2). The invariants are
/// frozen in step 2, so the projection basis at every training point is computed once,
/// before training.
///
/// Step 1 is any `InvariantLearner`: the contrastive Square Ratio Loss (the paper's,
/// the default), known invariants (`KnownInvariantLearner`), discovered formulas, or a
/// user's learner.
public struct ConCerNetLearner: DynamicsLearner, Sendable {
  public var methodName: String
  public var invariants: any InvariantLearner & Sendable
  public var dynamics: DynamicsNetworkTraining
  public var progress: ProgressHandler?

  public init(
    invariants: any InvariantLearner & Sendable = ContrastiveInvariantLearner(),
    dynamics: DynamicsNetworkTraining = DynamicsNetworkTraining(), progress: ProgressHandler? = nil,
    methodName: String = "concernet"
  ) {
    self.invariants = invariants
    self.dynamics = dynamics
    self.progress = progress
    self.methodName = methodName
  }

  public func fit(_ data: TrajectorySet) throws -> NeuralDynamicsModel {
    try fit(data, invariant: invariants.learnInvariants(from: data))
  }

  /// Step 2 alone, with given (already learned) invariants, projected onto with
  /// `alignmentScale` (`HardProjection`; 0, the default: exactly).
  public func fit(_ data: TrajectorySet, invariant: some InvariantFunction, alignmentScale: Double = 0) throws
    -> NeuralDynamicsModel
  {
    let projection = HardProjection(invariant, alignmentScale: alignmentScale)
    let h = try dynamics.fit(data, method: methodName, constraint: projection, progress: progress)
    var settings = dynamics.training.archived
    settings["invariant_count"] = "\(invariant.invariantCount)"
    return NeuralDynamicsModel(methodName: methodName, network: h, constraint: projection, settings: settings)
  }
}
