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
  public var network: NetworkSettings
  public var training: TrainingSettings
  /// Run on a system that declares no canonical pairs (first half q, second half p).
  public var assumeCanonical: Bool

  public init(
    network: NetworkSettings = NetworkSettings(), training: TrainingSettings = TrainingSettings(),
    assumeCanonical: Bool = false
  ) {
    self.network = network
    self.training = training
    self.assumeCanonical = assumeCanonical
  }

  public init(options: MethodOptions, problem: MethodProblem) {
    let dynamics = options.dynamicsTraining(for: problem)
    self.init(
      network: dynamics.network, training: dynamics.training, assumeCanonical: options.assumeCanonical)
  }

  /// Why it does not apply: as for the HNN (`HNNMethod.inapplicability(to:)`).
  public func inapplicability(to problem: MethodProblem) -> String? {
    HNNMethod.inapplicability(of: "a dissipative HNN", to: problem, assumeCanonical: assumeCanonical)
  }

  public func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    var training = training
    training.seed = context.seed
    let model = try DissipativeHamiltonianLearner(
      network: network, training: training, progress: context.progress
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
