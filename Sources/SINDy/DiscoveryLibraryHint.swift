import NoetherCore

/// A system whose conservation laws need another feature library than polynomials (a
/// spec such as `poly3+central` for Kepler, `poly2+trig` for a pendulum). A system opts in
/// by conforming; discovery reads `DynamicalSystem.defaultDiscoveryLibrary`.
public protocol DiscoveryLibraryHint: DynamicalSystem {
  var discoveryLibrary: String { get }
}

extension DynamicalSystem {
  /// The library discovery searches by default: the system's hint, else polynomials up to
  /// degree 3 for up to 6 dimensions and linear terms above.
  public var defaultDiscoveryLibrary: String {
    (self as? any DiscoveryLibraryHint)?.discoveryLibrary ?? (dimension <= 6 ? "poly3" : "poly1")
  }
}
