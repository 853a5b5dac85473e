import NoetherCore
import SINDy

/// The SIR epidemic, Ṡ = −βSI, İ = βSI − γI, Ṙ = γI with β = 3, γ = 1, started with
/// S + I + R = 1: dissipative (infections burn out), with the linear invariant S + I + R
/// whose value is the same on every trajectory, so contrastive learning cannot see it.
public struct Epidemic: DiscoveryLibraryHint {
  public let infectionRate = 3.0
  public let recoveryRate = 1.0
  public init() {}
  public var name: String { "sir-epidemic" }
  public var dimension: Int { 3 }
  public var stateNames: [String] { ["S", "I", "R"] }
  public var referenceProtocol: ReferenceProtocol { discoveryProtocol(duration: 8) }
  public var discoveryLibrary: String { "poly2" }

  public func derivatives(at x: StateBatch) -> StateBatch {
    let (b, g) = (infectionRate, recoveryRate)
    return x.mapped { s in [-b * s[0] * s[1], b * s[0] * s[1] - g * s[1], g * s[1]] }
  }

  public var invariants: [KnownInvariant] {
    [.pointwise("population", "S + I + R", value: { $0[0] + $0[1] + $0[2] }, gradient: { _ in [1, 1, 1] })]
  }

  public func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    .drawn(count, dimension: 3) {
      let infected = g.uniform(0.01, 0.3)
      let recovered = g.uniform(0, 0.3)
      return [1 - infected - recovered, infected, recovered]
    }
  }
}
