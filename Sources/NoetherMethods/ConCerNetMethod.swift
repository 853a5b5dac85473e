import ConCerNet
import NoetherCompare
import NoetherCore
import NoetherLearning

/// ConCerNet (Wang et al. 2023): g learned contrastively (shared with the soft penalty
/// on the same seed), then h trained through the projection onto g's level sets.
public struct ConCerNetMethod: ConfigurableMethod {
  public static let methodName = "concernet"
  public static let summary =
    "contrastive invariant g (Square Ratio Loss), then h through the projection onto g"
  public var name: String { Self.methodName }
  /// Two trainings: the contrastive g (shared with the soft penalty) and h.
  public var expectedCost: Double { 2 }
  public var invariants: ContrastiveSettings
  public var dynamics: DynamicsNetworkTraining

  public init(
    invariants: ContrastiveSettings = ContrastiveSettings(),
    dynamics: DynamicsNetworkTraining = DynamicsNetworkTraining()
  ) {
    self.invariants = invariants
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
    let model = try ConCerNetLearner(dynamics: training, progress: context.progress).fit(data, invariant: g)
    return FittedModel(model: model, invariants: g, invariantSource: "learned")
  }
}
