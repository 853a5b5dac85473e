import NoetherCore

/// The Van der Pol oscillator ẋ = y, ẏ = μ(1 − x²)y − x with μ = 1: trajectories wind
/// onto a limit cycle, and no function of the state is conserved.
public struct VanDerPol: DynamicalSystem {
  public init() {}
  public var name: String { "van-der-pol" }
  public var dimension: Int { 2 }
  public var stateNames: [String] { ["x", "y"] }
  /// (x, y): y = ẋ is x's momentum at unit mass.
  public var canonicalPairs: [CanonicalPair] { CanonicalPair.halves(dimension: 2) }
  public var referenceProtocol: ReferenceProtocol { discoveryProtocol(duration: 8) }
  public func derivatives(at s: StateBatch) -> StateBatch {
    s.mapped { [$0[1], (1 - $0[0] * $0[0]) * $0[1] - $0[0]] }
  }
  public func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    .drawn(count, dimension: 2) { g.uniformState([(-3, 3), (-3, 3)]) }
  }
}
