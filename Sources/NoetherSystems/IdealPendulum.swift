import NoetherCore
import SINDy

#if canImport(Glibc)
  import Glibc
#endif

/// The ideal pendulum, H = p²/2 − cos q (a non-polynomial potential): q̇ = p, ṗ = −sin q.
/// Discovery needs cos q in its library (`poly2+trig`).
public struct IdealPendulum: DiscoveryLibraryHint {
  public init() {}
  public var name: String { "ideal-pendulum" }
  public var dimension: Int { 2 }
  public var stateNames: [String] { ["q", "p"] }
  /// (q, p): the angle and its momentum at unit moment of inertia.
  public var canonicalPairs: [CanonicalPair] { CanonicalPair.halves(dimension: 2) }
  public var referenceProtocol: ReferenceProtocol { discoveryProtocol(duration: 5) }
  public var discoveryLibrary: String { "poly2+trig" }

  public func derivatives(at x: StateBatch) -> StateBatch { x.mapped { [$0[1], -sin($0[0])] } }

  public var invariants: [KnownInvariant] {
    [
      .pointwise(
        "energy", "p²/2 − cos q", value: { $0[1] * $0[1] / 2 - cos($0[0]) },
        gradient: { [sin($0[0]), $0[1]] })
    ]
  }

  public func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    .drawn(count, dimension: 2) { g.uniformState([(-2, 2), (-1, 1)]) }
  }
}
