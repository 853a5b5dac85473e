import HNN
import NoetherCompare
import NoetherCore
import NoetherLearning

/// Hamiltonian neural networks: a scalar H whose symplectic gradient fits ẋ; needs
/// canonical coordinates (q, p) of the state space itself, laid out (q₁…q_k, p₁…p_k):
/// the system declares them (`DynamicalSystem.canonicalPairs`), or the user assumes
/// them (`--assume-canonical`) and the run says so.
public struct HNNMethod: ConfigurableMethod {
  public static let methodName = "hnn"
  public static let summary =
    "a Hamiltonian network H(q, p) whose symplectic gradient fits ẋ (even dimensions)"
  public var name: String { Self.methodName }
  /// One training whose steps also backpropagate through ∇H: about 1.5 of the baseline's.
  public var expectedCost: Double { 1.5 }
  public var network: NetworkSettings
  public var training: TrainingSettings
  /// Run on a system that declares no canonical pairs, taking the first half of the
  /// state as q and the second as p.
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

  /// Why an HNN does not apply: an autoencoder's latent space (named with both its
  /// dimension and the system's), an odd state dimension, canonical pairs in another
  /// layout than (q₁…q_k, p₁…p_k), or none declared unless assumed; nil when it applies.
  public func inapplicability(to problem: MethodProblem) -> String? {
    Self.inapplicability(of: "an HNN", to: problem, assumeCanonical: assumeCanonical)
  }

  /// Why a method on canonical coordinates (`article`: "an HNN") does not apply to `problem`.
  static func inapplicability(of article: String, to problem: MethodProblem, assumeCanonical: Bool) -> String?
  {
    let system = problem.system
    if problem.isLatentSpace {
      return
        "\(article) needs canonical coordinates (q, p), which an autoencoder's latent space (dimension \(problem.dimension), of \(system.name)'s \(system.dimension)) does not give"
    }
    if problem.dimension % 2 != 0 {
      return
        "\(article) needs canonical coordinates (q, p), an even dimension; \(system.name) has dimension \(problem.dimension)"
    }
    let halves = CanonicalPair.halves(dimension: problem.dimension)
    if system.canonicalPairs.isEmpty {
      guard assumeCanonical else {
        return
          "\(article) needs canonical coordinates (q, p), and \(system.name) declares none (its canonicalPairs): its state (\(system.stateNames.joined(separator: ", "))) may not be positions and their momenta; declare them, or pass --assume-canonical to take \(Self.layout(system.stateNames)) anyway"
      }
      return nil
    }
    if Set(system.canonicalPairs) != Set(halves) {
      let declared = system.canonicalPairs.map {
        "(\(system.stateNames[$0.position]), \(system.stateNames[$0.momentum]))"
      }
      return
        "\(article) takes the state as (q₁…q_k, p₁…p_k); \(system.name) declares the pairs \(declared.joined(separator: ", ")) in another order: order its state positions first, momenta second"
    }
    return nil
  }

  /// `(x1, x2) as q and (x3, x4) as p`.
  static func layout(_ names: [String]) -> String {
    let k = names.count / 2
    return "(\(names[..<k].joined(separator: ", "))) as q and (\(names[k...].joined(separator: ", "))) as p"
  }

  public func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    var training = training
    training.seed = context.seed
    let model = try HamiltonianLearner(network: network, training: training, progress: context.progress).fit(
      data)
    var fitted = FittedModel(model: model, invariants: model.hamiltonian, invariantSource: "learned")
    let system = context.problem.system
    if system.canonicalPairs.isEmpty {
      fitted.notes.append(
        "an HNN on coordinates \(system.name) does not declare canonical: \(Self.layout(system.stateNames)), as --assume-canonical asks; its Hamiltonian structure is assumed, not known"
      )
    }
    return fitted
  }
}
