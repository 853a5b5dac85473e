import NoetherCore
import SINDy

/// A system discovery was never tuned on, written as a user would (a `PointwiseSystem`
/// and, where its laws need terms beyond polynomials, a feature library of its own
/// registered under `libraryName`). `Benchmarks/run discover` and the tests run each
/// trial with the system's default library and with the user's; the laws expected from a
/// run are the known invariants that library spans.
public struct DiscoveryTrial: Sendable {
  public let system: PointwiseSystem
  /// The name the user's terms are registered under.
  public let libraryName: String
  /// The user's terms.
  public let terms: CustomLibrary
  /// The spec of the user's library (`poly2+<libraryName>`, or as the trial says).
  public let librarySpec: String
  /// Other forms of the laws that a library may span instead (e^{ln x1 + ln x3} = x1 x3):
  /// expected from a run whose library spans them.
  public let forms: [KnownInvariant]

  public init(
    system: PointwiseSystem, libraryName: String, terms: CustomLibrary, librarySpec: String,
    forms: [KnownInvariant] = []
  ) {
    self.system = system
    self.forms = forms
    self.libraryName = libraryName
    self.terms = terms
    self.librarySpec = librarySpec
  }

  /// Registers the user's terms in `registry`.
  public func register(in registry: FeatureLibraryRegistry = .shared) {
    registry.register(libraryName, terms)
  }

  /// The trials: Toda ring (4 dimensions, exponential terms, 2 laws), two bodies (8
  /// dimensions, 1/r, 4 laws), coupled pendulums (4, trigonometric, 1 law), a cyclic
  /// Lotka–Volterra ring (4, logarithms, 3 laws), and two with no law: damped coupled
  /// pendulums (4, trigonometric) and competing species (4, logarithms).
  public static var all: [DiscoveryTrial] {
    [.todaRing, .twoBodies, .coupledPendulums, .cyclicSpecies, .dampedPendulums, .competingSpecies]
  }

  /// The trials registered (once per registry is enough; registering again replaces).
  public static func registerAll(in registry: FeatureLibraryRegistry = .shared) {
    for trial in all { trial.register(in: registry) }
  }
}

extension CustomLibrary.Term {
  /// A term named by a formula over the state names, such as `{ "exp(\($0[0]) − \($0[1]))" }`.
  static func term(
    _ name: @escaping @Sendable ([String]) -> String, _ value: @escaping @Sendable ([Double]) -> Double
  )
    -> Self
  {
    .init(name: name, value: value)
  }
}
