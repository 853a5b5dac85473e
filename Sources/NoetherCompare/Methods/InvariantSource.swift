import NoetherCore
import NoetherLearning

/// Where the invariants a method enforces, or a rollout is projected onto, come from:
/// the system's known ones, ones discovered from the data, a file, or learned ones.
/// Which one is data, not code: the command line chooses by name, and the results file
/// records the label.
public protocol InvariantSource: Sendable {
  /// `known`, `discovered`, `file:…`, recorded with the runs.
  var label: String { get }
  /// The functionally independent invariants for this seed's training data.
  /// - Throws: when there are none to enforce (a system without known invariants, a
  ///   library whose span holds none), with what to do.
  func invariants(for data: TrajectorySet, context: MethodContext) throws -> any InvariantFunction
}

/// The system's known invariants (exact values and gradients), with its known balance
/// laws when it declares some (a `KnownBalanceSet`); in an autoencoder's latent space,
/// read through its decoder (`DecodedInvariant`).
public struct KnownInvariants: InvariantSource {
  public init() {}
  public var label: String { "known" }

  public func invariants(for data: TrajectorySet, context: MethodContext) throws -> any InvariantFunction {
    let system = context.problem.system
    guard !system.invariants.isEmpty || !system.balanceLaws.isEmpty else {
      throw NoetherError.invalidParameter(
        name: "invariant source", value: "known",
        requirement: "\(system.name) has no known invariants or balance laws; use discovered ones instead")
    }
    let known: any InvariantFunction =
      system.balanceLaws.isEmpty
      ? KnownInvariantSet(system.invariants, dimension: system.dimension)
      : KnownBalanceSet(
        system.invariants.map(KnownBalanceLaw.conserved) + system.balanceLaws, dimension: system.dimension)
    guard context.problem.isLatentSpace else { return known }
    guard let decoder = context.latentDecoder else {
      throw NoetherError.invalidParameter(
        name: "invariant source", value: "known",
        requirement: "needs the latent space's decoder to read the state's invariants")
    }
    guard !system.invariants.isEmpty else {
      throw NoetherError.invalidParameter(
        name: "invariant source", value: "known",
        requirement: "balance laws are enforced in the state space, not an autoencoder's latent space")
    }
    return DecodedInvariant(
      decoder: decoder, state: KnownInvariantSet(system.invariants, dimension: system.dimension))
  }
}
