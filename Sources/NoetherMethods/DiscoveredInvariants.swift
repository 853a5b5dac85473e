import Discovery
import DiscoveryStore
import NoetherCompare
import NoetherCore
import SINDy

/// Invariants discovered as formulas from the seed's training trajectories
/// (`InvariantDiscovery` on the system's library, at the data's noise), those that stay
/// functionally independent (`SymbolicInvariant.independentSubset(at:tolerance:)`);
/// discovery runs once per seed and is shared by every method and rollout that asks,
/// each keeping the subset its tolerance allows. With a source library, balance laws
/// dC/dt = s are discovered too and enforced with the conservation laws (a
/// `SymbolicBalance`; the damped oscillator's energy with its friction).
public struct DiscoveredInvariants: InvariantSource {
  /// The library spec; nil: the system's (`DynamicalSystem.defaultDiscoveryLibrary`).
  public var library: String?
  /// The source library spec of balance laws; nil: conservation laws only.
  public var sources: String?
  /// The smallest median singular value of the kept invariants' unit gradients. 0.05
  /// keeps invariants a step projection's Gauss–Newton iteration copes with (Kepler's E
  /// and L); 0.01 adds nearly aligned ones (its Runge–Lenz component A_x), which a
  /// regularised projection (`ProjectionBasis`'s alignment scale) copes with.
  public var independence: Double
  /// The default independence tolerance (E and L on Kepler).
  public static let defaultIndependence = 0.05

  public init(library: String? = nil, sources: String? = nil, independence: Double = defaultIndependence) {
    self.library = library
    self.sources = sources
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
    let key = "\(spec) σ \(noise.sigma)" + (sources.map { " sources \($0)" } ?? "")
    let found = try context.shared("discovery", key: key) { () throws -> any InvariantFunction in
      var discovery = InvariantDiscovery(library: try FeatureLibraryRegistry.shared.library(spec))
      if let sources {
        let library = try FeatureLibraryRegistry.shared.library(sources)
        discovery.sources = (library, library.spec)
      }
      let result = try discovery.discover(
        train, stateNames: system.stateNames, noise: noise, knownInvariants: system.invariants,
        knownBalanceLaws: system.balanceLaws)
      guard result.invariants.invariantCount + result.balanceLaws.count > 0 else {
        throw NoetherError.invalidParameter(
          name: "discovery", value: "on library '\(spec)'",
          requirement:
            "found no invariant\(sources == nil ? "" : " or balance law") in the training data; choose a library that spans the system's laws\(sources == nil ? " (or seek balance laws with --sources poly2)" : "")"
        )
      }
      return SymbolicBalance(result) ?? result.invariants
    }
    let states = StateBatch(
      count: train.totalPointCount, dimension: train.dimension, values: train.states)
    if let balance = found as? SymbolicBalance {
      return balance.selecting(balance.quantities.independentIndices(at: states, tolerance: independence))
    }
    guard let invariants = found as? SymbolicInvariant else { return found }
    return invariants.independentSubset(at: states, tolerance: independence)
  }
}

/// Invariants read from a file written by `noether discover --out` (`InvariantFile`).
public struct FileInvariants: InvariantSource {
  public let path: String

  public init(path: String) { self.path = path }

  public var label: String { "file \(path)" }

  public func invariants(for data: TrajectorySet, context: MethodContext) throws -> any InvariantFunction {
    let invariants = try Self.laws(at: path)
    if let reason = try Self.nothingToEnforce(invariants, at: path) {
      throw NoetherError.invalidParameter(name: "invariants file", value: path, requirement: reason)
    }
    guard invariants.inputDimension == context.problem.dimension, !context.problem.isLatentSpace else {
      throw NoetherError.dimensionMismatch(
        what: path, expected: context.problem.dimension, actual: invariants.inputDimension,
        system: context.problem.system.name)
    }
    return invariants
  }

  /// The laws stored at `path`: its balance laws with its conservation laws, or its
  /// conservation laws alone.
  public static func laws(at path: String) throws -> any InvariantFunction {
    try InvariantFile.readBalance(from: path) ?? InvariantFile.read(from: path)
  }

  /// Why the file at `path`, whose laws are `laws`, gives nothing to enforce (no
  /// conservation or balance law: perhaps only an approximately conserved quantity, which
  /// changes beyond the noise); nil when it holds a law.
  public static func nothingToEnforce(_ laws: any InvariantFunction, at path: String) throws -> String? {
    guard laws.invariantCount == 0 else { return nil }
    let approximate = try InvariantFile.quantities(from: path) != nil
    return
      "holds no conservation or balance law\(approximate ? ", only an approximately conserved quantity (it changes beyond the noise; enforcing it would force a law the data break)" : ""); score models on it with --laws \(path), or discover with another --library or with --sources"
  }
}
