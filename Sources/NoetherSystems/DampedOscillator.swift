import NoetherCore

/// A damped oscillator q̇ = p, ṗ = −q − 0.2p: its energy decays, and no function of the
/// state is conserved (a system without invariants, for discovery's false-discovery check).
public struct DampedOscillator: DynamicalSystem {
  public init() {}
  public var name: String { "damped-oscillator" }
  public var dimension: Int { 2 }
  public var stateNames: [String] { ["q", "p"] }
  /// (q, p): the position and its momentum at unit mass.
  public var canonicalPairs: [CanonicalPair] { CanonicalPair.halves(dimension: 2) }
  public var referenceProtocol: ReferenceProtocol { discoveryProtocol(duration: 5) }
  public func derivatives(at x: StateBatch) -> StateBatch { x.mapped { [$0[1], -$0[0] - 0.2 * $0[1]] } }
  public func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    .drawn(count, dimension: 2) { g.uniformState([(-1, 1), (-1, 1)]) }
  }
}
