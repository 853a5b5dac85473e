import NoetherCore

/// A damped oscillator q̇ = p, ṗ = −q − 0.2p: no function of the state is conserved (a
/// system without invariants, for discovery's false-discovery check), and its energy
/// E = ½q² + ½p² obeys the balance law dE/dt = −0.2 p² (friction dissipates it).
public struct DampedOscillator: DynamicalSystem {
  public init() {}
  public var name: String { "damped-oscillator" }
  public var dimension: Int { 2 }
  public var stateNames: [String] { ["q", "p"] }
  /// (q, p): the position and its momentum at unit mass.
  public var canonicalPairs: [CanonicalPair] { CanonicalPair.halves(dimension: 2) }
  public var referenceProtocol: ReferenceProtocol { discoveryProtocol(duration: 5) }
  public var balanceLaws: [KnownBalanceLaw] {
    [
      .pointwise(
        "energy", "0.5 q² + 0.5 p²", value: { 0.5 * $0[0] * $0[0] + 0.5 * $0[1] * $0[1] }, gradient: { $0 },
        source: "−0.2 p²", { -0.2 * $0[1] * $0[1] })
    ]
  }
  public func derivatives(at x: StateBatch) -> StateBatch { x.mapped { [$0[1], -$0[0] - 0.2 * $0[1]] } }
  public func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    .drawn(count, dimension: 2) { g.uniformState([(-1, 1), (-1, 1)]) }
  }
}
