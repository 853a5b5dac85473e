import HNN
import NoetherCompare
import NoetherCore
import NoetherLearning

/// Hamiltonian neural networks: a scalar H whose symplectic gradient fits ẋ; needs
/// canonical coordinates (q, p), so an even dimension of the state space itself.
public struct HNNMethod: ConfigurableMethod {
  public static let methodName = "hnn"
  public static let summary =
    "a Hamiltonian network H(q, p) whose symplectic gradient fits ẋ (even dimensions)"
  public var name: String { Self.methodName }
  public var network: NetworkSettings
  public var training: TrainingSettings

  public init(network: NetworkSettings = NetworkSettings(), training: TrainingSettings = TrainingSettings()) {
    self.network = network
    self.training = training
  }

  public init(options: MethodOptions, problem: MethodProblem) {
    let dynamics = options.dynamicsTraining(for: problem)
    self.init(network: dynamics.network, training: dynamics.training)
  }

  /// Why an HNN does not apply: an autoencoder's latent space (named with both its
  /// dimension and the system's), or an odd state dimension; nil when it applies.
  public func inapplicability(to problem: MethodProblem) -> String? {
    if problem.isLatentSpace {
      return
        "an HNN needs canonical coordinates (q, p), which an autoencoder's latent space (dimension \(problem.dimension), of \(problem.system.name)'s \(problem.system.dimension)) does not give"
    }
    if problem.dimension % 2 != 0 {
      return
        "an HNN needs canonical coordinates (q, p), an even dimension; \(problem.system.name) has dimension \(problem.dimension)"
    }
    return nil
  }

  public func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    var training = training
    training.seed = context.seed
    let model = try HamiltonianLearner(network: network, training: training, progress: context.progress).fit(
      data)
    return FittedModel(model: model, invariants: model.hamiltonian, invariantSource: "learned")
  }
}
