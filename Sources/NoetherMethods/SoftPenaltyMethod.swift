import NoetherCompare
import NoetherCore
import NoetherLearning
import PINN

/// The soft penalty: h trained with λ·mean((∇g·h)²) added to the loss, g the contrastive
/// invariant (shared with ConCerNet on the same seed), or exact invariants from a
/// `InvariantSource` (known or discovered) when one is given.
public struct SoftPenaltyMethod: ConfigurableMethod {
  public static let methodName = "soft"
  public static let summary = "h with the soft penalty λ·mean((∇g·h)²) on the contrastive invariant g"
  public var name: String { Self.methodName }
  /// h's training and a little: g is shared with ConCerNet, which counts it and starts first.
  public var expectedCost: Double { 1.2 }
  public var invariants: ContrastiveSettings
  /// λ.
  public var weight = 1.0
  /// Exact invariants to penalise instead of the contrastive one; nil: learned.
  public var source: (any InvariantSource)?
  public var dynamics: DynamicsNetworkTraining

  public init(
    invariants: ContrastiveSettings = ContrastiveSettings(), weight: Double = 1,
    dynamics: DynamicsNetworkTraining = DynamicsNetworkTraining()
  ) {
    self.invariants = invariants
    self.weight = weight
    self.dynamics = dynamics
  }

  /// With `options.enforce` (`discovered`, `known` or an invariants file) the penalty is
  /// on those exact invariants instead of the contrastive one.
  public init(options: MethodOptions, problem: MethodProblem) throws {
    self.init(
      invariants: try ContrastiveSettings(options: options, problem: problem),
      dynamics: options.dynamicsTraining(for: problem))
    source = options.enforce.map {
      invariantSource(named: $0, library: options.discoveryLibrary, sources: options.discoverySources)
    }
  }

  public func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    var training = dynamics
    training.training.seed = context.seed
    let learner = SoftPenaltyLearner(weight: weight, dynamics: training, progress: context.progress)
    if let source {
      let exact = try source.invariants(for: data, context: context)
      return FittedModel(
        model: try learner.fit(data, invariant: exact), invariants: exact, invariantSource: source.label)
    }
    let g = try invariants.sharedInvariant(data, context: context)
    return FittedModel(model: try learner.fit(data, invariant: g), invariants: g, invariantSource: "learned")
  }
}
