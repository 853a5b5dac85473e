import ConCerNet
import NoetherCore
import NoetherLearning
import NoetherNN

/// The soft (PINN-style) counterpart of ConCerNet's projection: the dynamics network
/// is trained through a `SoftPenalty`, λ·mean((∇Hₖ(x)·f(x))²) added to the loss (mean
/// over the batch's points and the m invariants), so conservation is encouraged, not
/// enforced. The paper argues against it (the penalty trades off against the data fit);
/// it is here to measure that.
///
/// Its invariants come from any `InvariantLearner`: learned contrastively (the
/// default), known, or discovered.
public struct SoftPenaltyLearner: DynamicsLearner, Sendable {
  public var methodName: String { "soft" }
  public var invariants: any InvariantLearner & Sendable
  /// λ, the penalty weight.
  public var weight: Double
  public var dynamics: DynamicsNetworkTraining
  public var progress: ProgressHandler?

  public init(
    invariants: any InvariantLearner & Sendable = ContrastiveInvariantLearner(), weight: Double = 1,
    dynamics: DynamicsNetworkTraining = DynamicsNetworkTraining(), progress: ProgressHandler? = nil
  ) {
    self.invariants = invariants
    self.weight = weight
    self.dynamics = dynamics
    self.progress = progress
  }

  public func fit(_ data: TrajectorySet) throws -> NeuralDynamicsModel {
    try checkWeight()
    return try fit(data, invariant: invariants.learnInvariants(from: data))
  }

  /// Training alone, with given (already learned) invariants.
  public func fit(_ data: TrajectorySet, invariant: some InvariantFunction) throws -> NeuralDynamicsModel {
    try checkWeight()
    let penalty = SoftPenalty(invariant, weight: weight)
    let h = try dynamics.fit(data, method: methodName, constraint: penalty, progress: progress)
    var settings = dynamics.training.archived
    settings["penalty_weight"] = "\(weight)"
    return NeuralDynamicsModel(methodName: methodName, network: h, constraint: penalty, settings: settings)
  }

  private func checkWeight() throws {
    guard weight >= 0, weight.isFinite else {
      throw NoetherError.invalidParameter(
        name: "penalty weight λ", value: "\(weight)", requirement: "must be a finite number ≥ 0")
    }
  }
}
