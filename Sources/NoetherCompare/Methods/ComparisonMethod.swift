import NoetherCore

/// A method that a comparison runs: it says whether it applies to a problem, and fits a
/// model (with the invariants the model carries, if any) to one seed's training data.
///
/// The built-in methods (baseline, ConCerNet, soft penalty, HNN, SINDy) conform in the
/// `NoetherMethods` target and are registered by name like a user's; a method's own
/// settings live in its type, with defaults. Work that several methods of a seed share
/// (a contrastively learned invariant, an autoencoder) is asked for from the
/// ``MethodContext``, which computes it once.
public protocol ComparisonMethod: Sendable {
  /// The name in tables, files and `--methods` (`concernet`).
  var name: String { get }
  /// Why the method cannot run on `problem` (an HNN on an odd dimension), or nil.
  func inapplicability(to problem: MethodProblem) -> String?
  /// Fits the model to the training split of `data`.
  /// - Throws: any error; the comparison reports the run as failed with its message
  ///   and runs the other methods.
  func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel
}

// MARK: - Default implementations

extension ComparisonMethod {
  /// Applies to every problem.
  public func inapplicability(to problem: MethodProblem) -> String? { nil }
}

/// A trained model with the invariants it carries, if any (ConCerNet's learned g,
/// an HNN's Hamiltonian, known or discovered invariants); the comparison measures
/// their R² against the system's known invariants and draws their level sets.
public struct FittedModel: Sendable {
  public let model: any DynamicsModel
  public let invariants: (any InvariantFunction)?
  /// Where the invariants come from (`learned`, `known`, `discovered`, …), for the record.
  public let invariantSource: String?

  public init(
    model: any DynamicsModel, invariants: (any InvariantFunction)? = nil, invariantSource: String? = nil
  ) {
    self.model = model
    self.invariants = invariants
    self.invariantSource = invariants == nil ? nil : (invariantSource ?? "learned")
  }
}

/// What a method is asked to model: the system, and the space it works in (the state
/// space, or an autoencoder's latent space for high-dimensional systems).
public struct MethodProblem: Sendable {
  public let system: any DynamicalSystem
  /// The dimension of the space the method works in.
  public let dimension: Int
  /// True in an autoencoder's latent space (no canonical coordinates, no state names).
  public let isLatentSpace: Bool

  /// The system's own state space.
  public init(system: any DynamicalSystem) {
    self.system = system
    self.dimension = system.dimension
    self.isLatentSpace = false
  }

  /// A latent space of `dimension` for `system`.
  public init(system: any DynamicalSystem, latentDimension dimension: Int) {
    self.system = system
    self.dimension = dimension
    self.isLatentSpace = true
  }
}
