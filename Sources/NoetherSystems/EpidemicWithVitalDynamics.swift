import NoetherCore
import SINDy

/// An SIR epidemic with births, natural deaths and deaths from the disease:
/// Ṡ = μ − βSI − μS, İ = βSI − γI − μI − δI, Ṙ = γI − μR with β = 3, γ = 1, μ = 0.2,
/// δ = 0.5. Nothing is conserved: the population N = S + I + R obeys the balance law
/// dN/dt = μ(1 − N) − δI (births against deaths), with a source of both signs (N
/// started above 1 falls, below 1 rises until the epidemic's deaths take over).
public struct EpidemicWithVitalDynamics: DiscoveryLibraryHint {
  public let infectionRate = 3.0
  public let recoveryRate = 1.0
  public let birthRate = 0.2
  public let diseaseDeathRate = 0.5
  public init() {}
  public var name: String { "sir-vital" }
  public var dimension: Int { 3 }
  public var stateNames: [String] { ["S", "I", "R"] }
  public var referenceProtocol: ReferenceProtocol { discoveryProtocol(duration: 8) }
  public var discoveryLibrary: String { "poly2" }

  public func derivatives(at x: StateBatch) -> StateBatch {
    let (b, g, mu, d) = (infectionRate, recoveryRate, birthRate, diseaseDeathRate)
    return x.mapped { s in
      [mu - b * s[0] * s[1] - mu * s[0], b * s[0] * s[1] - (g + mu + d) * s[1], g * s[1] - mu * s[2]]
    }
  }

  public var balanceLaws: [KnownBalanceLaw] {
    let (mu, d) = (birthRate, diseaseDeathRate)
    return [
      .pointwise(
        "population", "S + I + R", value: { $0[0] + $0[1] + $0[2] }, gradient: { _ in [1, 1, 1] },
        source: "0.2 − 0.2 S − 0.7 I − 0.2 R", { mu * (1 - $0[0] - $0[1] - $0[2]) - d * $0[1] })
    ]
  }

  /// Infected 1–30 %, recovered 0–30 %, and a population of 0.7–1.3 (S the rest).
  public func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    .drawn(count, dimension: 3) {
      let infected = g.uniform(0.01, 0.3)
      let recovered = g.uniform(0, 0.3)
      let population = g.uniform(0.7, 1.3)
      return [population - infected - recovered, infected, recovered]
    }
  }
}
