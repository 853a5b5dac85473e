import NoetherCore

/// The ideal spring–mass system with H = q² + p²: q̇ = 2p, ṗ = −2q.
///
/// Invariant: the energy H. Initial states: y ~ U[−1, 1]², rescaled to a radius
/// r ~ U[0.3, 1.2]. Reference data: 50 trajectories (25 train, 25 test) of 30 points on
/// [0, 3]; evaluation over 50 s (ConCerNet, Wang et al. 2023, §5.1).
public struct SpringMass: SeparableHamiltonianSystem {
  public init() {}

  public var name: String { "spring-mass" }
  public var dimension: Int { 2 }
  public var degreesOfFreedom: Int { 1 }
  public var stateNames: [String] { ["q", "p"] }

  public var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      trajectoryCount: 50, trainingCount: 25, pointCount: 30, duration: 3, evaluationHorizon: 50)
  }

  public func derivatives(at states: StateBatch) -> StateBatch {
    var out = states
    for i in 0..<states.count {
      out[i, 0] = 2 * states[i, 1]
      out[i, 1] = -2 * states[i, 0]
    }
    return out
  }

  public func positionRates(momenta: StateBatch) -> StateBatch {
    StateBatch(count: momenta.count, dimension: 1, values: momenta.values.map { 2 * $0 })
  }

  public func momentumRates(positions: StateBatch) -> StateBatch {
    StateBatch(count: positions.count, dimension: 1, values: positions.values.map { -2 * $0 })
  }

  public var invariants: [KnownInvariant] {
    [
      KnownInvariant(
        name: "energy", formula: "q² + p²",
        value: { x in (0..<x.count).map { x[$0, 0] * x[$0, 0] + x[$0, 1] * x[$0, 1] } },
        gradient: { x in StateBatch(count: x.count, dimension: 2, values: x.values.map { 2 * $0 }) })
    ]
  }

  public func sampleInitialStates(
    count: Int, for purpose: SamplingPurpose, using generator: inout SeededGenerator
  ) -> StateBatch {
    var out = StateBatch(zeros: count, dimension: 2)
    for i in 0..<count {
      let (a, b) = (generator.uniform(-1, 1), generator.uniform(-1, 1))
      let radius = generator.uniform(0.3, 1.2)
      let norm = max((a * a + b * b).squareRoot(), 1e-12)
      out[i, 0] = a / norm * radius
      out[i, 1] = b / norm * radius
    }
    return out
  }
}
