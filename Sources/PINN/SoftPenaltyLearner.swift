import ConCerNet
import NoetherCore
import NoetherLearning
import NoetherNN
import _Differentiation

/// Where the soft penalty's invariants come from.
public enum PenaltyInvariants: Sendable {
  /// Learned contrastively, as ConCerNet's step 1 does.
  case learned(ContrastiveInvariantLearner)
  /// Given (for example a system's known invariants).
  case given(any InvariantFunction)
}

/// The soft (PINN-style) counterpart of ConCerNet's projection: the dynamics network
/// is trained with λ·mean((∇Hₖ(x)·f(x))²) added to the loss (mean over the batch's
/// points and the m invariants), so conservation is encouraged, not enforced. The
/// paper argues against it (the penalty trades off against the data fit); it is here
/// to measure that.
public struct SoftPenaltyLearner: DynamicsLearner, Sendable {
  public var methodName: String { "soft" }
  public var invariants: PenaltyInvariants
  /// λ, the penalty weight.
  public var weight: Double
  public var dynamics: DynamicsNetworkTraining
  public var progress: ProgressHandler?

  public init(
    invariants: PenaltyInvariants = .learned(ContrastiveInvariantLearner()), weight: Double = 1,
    dynamics: DynamicsNetworkTraining = DynamicsNetworkTraining(), progress: ProgressHandler? = nil
  ) {
    self.invariants = invariants
    self.weight = weight
    self.dynamics = dynamics
    self.progress = progress
  }

  public func fit(_ data: TrajectorySet) throws -> NeuralDynamicsModel {
    guard weight >= 0, weight.isFinite else {
      throw NoetherError.invalidParameter(
        name: "penalty weight λ", value: "\(weight)", requirement: "must be a finite number ≥ 0")
    }
    let function: any InvariantFunction
    switch invariants {
    case .learned(var learner):
      learner.progress = progress
      function = try learner.learnInvariants(from: data)
    case .given(let given):
      function = given
    }
    let train = data.training.allStates
    let m = function.invariantCount
    let n = train.dimension
    let all = function.gradients(at: train)  // [N, m, n]
    // One N×n matrix of gradients per invariant.
    let perInvariant = (0..<m).map { k in
      Matrix(
        rows: train.count, columns: n,
        scalars: (0..<(train.count * n)).map { all[(($0 / n) * m + k) * n + $0 % n] })
    }
    let h = try dynamics.fit(
      data, method: methodName, penalty: ConservationPenalty(weight: weight, gradients: perInvariant),
      progress: progress)
    var settings = dynamics.training.archived
    settings["penalty_weight"] = "\(weight)"
    return NeuralDynamicsModel(methodName: methodName, network: h, settings: settings)
  }
}
