import ConCerNet
import NoetherCompare
import NoetherCore
import NoetherLearning

/// ConCerNet with exact invariants: the contrastive step replaced by invariants known or
/// discovered as formulas (default: discovered from the training data, those whose unit
/// gradients' smallest singular value has a median of at least 0.01: Kepler's E, L and
/// A_x), then h trained through the same projection, regularised where the invariants'
/// gradients nearly align.
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
  /// The independence tolerance of discovered invariants (`DiscoveredInvariants`): 0.01
  /// keeps invariants whose unit gradients' smallest singular value has a median of at
  /// least 0.01 (Kepler: E, L and A_x), which the regularised projection copes with
  /// (the figures behind the choice: docs/results.md).
  public static let independence = 0.01

  public init(
    source: any InvariantSource = DiscoveredInvariants(independence: Self.independence),
    dynamics: DynamicsNetworkTraining = DynamicsNetworkTraining()
  ) {
    self.source = source
    self.dynamics = dynamics
  }

  /// `options.enforce`: `discovered` (default), `known`, or the path of an invariants file.
  public init(options: MethodOptions, problem: MethodProblem) {
    self.init(
      source: invariantSource(
        named: options.enforce ?? "discovered", independence: Self.independence,
        library: options.discoveryLibrary, sources: options.discoverySources),
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

/// The source a name gives: `discovered` (on `library`, with balance laws whose sources
/// are in `sources` when given, with the given independence tolerance), `known`, or else the path of an invariants file.
func invariantSource(
  named name: String, independence: Double = DiscoveredInvariants.defaultIndependence, library: String? = nil,
  sources: String? = nil
) -> any InvariantSource {
  switch name {
  case "discovered":
    return DiscoveredInvariants(library: library, sources: sources, independence: independence)
  case "known": return KnownInvariants()
  default: return FileInvariants(path: name)
  }
}
