import Discovery
import DiscoveryStore
import NoetherCompare
import NoetherCore
import SINDy

/// Invariants discovered as formulas from the seed's training trajectories
/// (`InvariantDiscovery` on the system's library, at the data's noise), those that stay
/// functionally independent (`SymbolicInvariant.independentSubset(at:tolerance:)`);
/// discovery runs once per seed and is shared by every method and rollout that asks,
/// each keeping the subset its tolerance allows.
public struct DiscoveredInvariants: InvariantSource {
  /// The library spec; nil: the system's (`DynamicalSystem.defaultDiscoveryLibrary`).
  public var library: String?
  /// The smallest median singular value of the kept invariants' unit gradients. 0.05
  /// keeps invariants a step projection's Gauss–Newton iteration copes with (Kepler's E
  /// and L); 0.01 adds nearly aligned ones (its Runge–Lenz component A_x), which a
  /// regularised projection (`ProjectionBasis`'s alignment scale) copes with.
  public var independence: Double
  /// The default independence tolerance (E and L on Kepler).
  public static let defaultIndependence = 0.05

  public init(library: String? = nil, independence: Double = defaultIndependence) {
    self.library = library
    self.independence = independence
  }

  public var label: String { "discovered" }

  public func invariants(for data: TrajectorySet, context: MethodContext) throws -> any InvariantFunction {
    let system = context.problem.system
    guard !context.problem.isLatentSpace else {
      throw NoetherError.invalidParameter(
        name: "invariant source", value: "discovered",
        requirement:
          "discovery works on the state space, not an autoencoder's latent space; enforce the known invariants (--enforce known)"
      )
    }
    let spec = library ?? system.defaultDiscoveryLibrary
    let noise = context.noise
    let train = data.training
    let found = try context.shared("discovery", key: "\(spec) σ \(noise.sigma)") {
      () throws -> SymbolicInvariant in
      let features = try FeatureLibraryRegistry.shared.library(spec)
      let result = try InvariantDiscovery(library: features).discover(
        train, stateNames: system.stateNames, noise: noise, knownInvariants: system.invariants)
      guard result.invariants.invariantCount > 0 else {
        throw NoetherError.invalidParameter(
          name: "discovery", value: "on library '\(spec)'",
          requirement:
            "found no invariant in the training data; choose a library that spans the system's laws")
      }
      return result.invariants
    }
    let states = StateBatch(
      count: train.trajectoryCount * train.pointCount, dimension: train.dimension, values: train.states)
    return found.independentSubset(at: states, tolerance: independence)
  }
}

/// Invariants read from a file written by `noether discover --out` (`InvariantFile`).
public struct FileInvariants: InvariantSource {
  public let path: String

  public init(path: String) { self.path = path }

  public var label: String { "file \(path)" }

  public func invariants(for data: TrajectorySet, context: MethodContext) throws -> any InvariantFunction {
    let invariants = try InvariantFile.read(from: path)
    guard invariants.inputDimension == context.problem.dimension, !context.problem.isLatentSpace else {
      throw NoetherError.dimensionMismatch(
        what: path, expected: context.problem.dimension, actual: invariants.inputDimension,
        system: context.problem.system.name)
    }
    return invariants
  }
}
