import ConCerNet
import NoetherCompare
import NoetherCore
import NoetherLearning

/// ConCerNet with exact invariants: the contrastive step replaced by invariants known or
/// discovered as formulas (default: discovered from the training data, every
/// functionally independent one), then h trained through the same projection.
public struct ConCerNetExactMethod: ConfigurableMethod {
  public static let methodName = "concernet-exact"
  public static let summary =
    "h through the projection onto exact invariants (discovered as formulas by default)"
  public var name: String { Self.methodName }
  /// Where the invariants come from.
  public var source: any InvariantSource
  public var dynamics: DynamicsNetworkTraining
  /// δ of the projection (`ProjectionBasis`): where two invariants' gradients nearly
  /// align (Kepler's E and L on nearly circular orbits), the later one's direction is
  /// removed with weight r²/(r² + δ²), r the sine of the angle between them; 0: exactly.
  public var alignmentScale = 0.01

  public init(
    source: any InvariantSource = DiscoveredInvariants(),
    dynamics: DynamicsNetworkTraining = DynamicsNetworkTraining()
  ) {
    self.source = source
    self.dynamics = dynamics
  }

  /// `options.enforce`: `discovered` (default), `known`, or the path of an invariants file.
  public init(options: MethodOptions, problem: MethodProblem) {
    self.init(
      source: invariantSource(named: options.enforce ?? "discovered"),
      dynamics: options.dynamicsTraining(for: problem))
  }

  public func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    let invariants = try source.invariants(for: data, context: context)
    var training = dynamics
    training.training.seed = context.seed
    let learner = ConCerNetLearner(dynamics: training, progress: context.progress, methodName: name)
    let model = try learner.fit(data, invariant: invariants, alignmentScale: alignmentScale)
    return FittedModel(model: model, invariants: invariants, invariantSource: source.label)
  }
}

/// The source a name gives: `discovered`, `known`, or else the path of an invariants file.
func invariantSource(named name: String) -> any InvariantSource {
  switch name {
  case "discovered": return DiscoveredInvariants()
  case "known": return KnownInvariants()
  default: return FileInvariants(path: name)
  }
}
