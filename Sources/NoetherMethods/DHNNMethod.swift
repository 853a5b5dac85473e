import HNN
import NoetherCompare
import NoetherCore
import NoetherLearning

/// Dissipative Hamiltonian neural networks (Sosanya & Greydanus 2022): a Hamiltonian H
/// and a dissipation potential D whose field J∇H + ∇D fits ẋ, for systems that leak;
/// canonical coordinates as for the HNN (declared, or `--assume-canonical`). Not run by
/// default: `--methods …,dhnn`.
public struct DHNNMethod: ConfigurableMethod {
  public static let methodName = "dhnn"
  public static let summary =
    "a dissipative HNN: J∇H + ∇D fits ẋ, H conserved by the first part, D carrying the losses (even dimensions)"
  public var name: String { Self.methodName }
  /// Two HNN-sized networks, each step backpropagating through both gradients.
  public var expectedCost: Double { 3 }
  /// The network (each of H and D), the training and the coordinates, as the HNN's.
  public var settings: HNNMethod

  public init(settings: HNNMethod = HNNMethod()) { self.settings = settings }

  public init(options: MethodOptions, problem: MethodProblem) {
    self.init(settings: HNNMethod(options: options, problem: problem))
  }

  /// Why it does not apply: as for the HNN (`HNNMethod.inapplicability(to:)`).
  public func inapplicability(to problem: MethodProblem) -> String? {
    HNNMethod.inapplicability(of: "a dissipative HNN", to: problem, assumeCanonical: settings.assumeCanonical)
  }

  public func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    var training = settings.training
    training.seed = context.seed
    let model = try DissipativeHamiltonianLearner(
      network: settings.network, training: training, progress: context.progress
    ).fit(data)
    var fitted = FittedModel(model: model, invariants: model.hamiltonian, invariantSource: "learned")
    let system = context.problem.system
    if system.canonicalPairs.isEmpty {
      fitted.notes.append(
        "a dissipative HNN on \(system.name), which declares no canonical coordinates: \(HNNMethod.layout(system.stateNames)), as --assume-canonical asks"
      )
    }
    return fitted
  }
}
