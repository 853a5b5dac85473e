import NoetherCompare
import NoetherCore
import NoetherLearning
import PINN

/// The soft penalty: h trained with λ·mean((∇g·h)²) added to the loss, g the contrastive
/// invariant (shared with ConCerNet on the same seed).
public struct SoftPenaltyMethod: ConfigurableMethod {
  public static let methodName = "soft"
  public static let summary = "h with the soft penalty λ·mean((∇g·h)²) on the contrastive invariant g"
  public var name: String { Self.methodName }
  public var invariants: ContrastiveSettings
  /// λ.
  public var weight = 1.0
  public var dynamics: DynamicsNetworkTraining

  public init(
    invariants: ContrastiveSettings = ContrastiveSettings(), weight: Double = 1,
    dynamics: DynamicsNetworkTraining = DynamicsNetworkTraining()
  ) {
    self.invariants = invariants
    self.weight = weight
    self.dynamics = dynamics
  }

  public init(options: MethodOptions, problem: MethodProblem) throws {
    self.init(
      invariants: try ContrastiveSettings(options: options, problem: problem),
      dynamics: options.dynamicsTraining(for: problem))
  }

  public func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    let g = try invariants.sharedInvariant(data, context: context)
    var training = dynamics
    training.training.seed = context.seed
    let model = try SoftPenaltyLearner(weight: weight, dynamics: training, progress: context.progress).fit(
      data, invariant: g)
    return FittedModel(model: model, invariants: g, invariantSource: "learned")
  }
}
