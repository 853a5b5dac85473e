import NoetherCore
import SINDy

/// The Kepler problem (one body about a fixed centre, m = k = 1), state
/// (x, y, vx, vy): ṙ = v, v̇ = −r/‖r‖³.
///
/// Invariants: the energy E = ½‖v‖² − 1/‖r‖ and the angular momentum
/// L = x·vy − y·vx. Initial states: position y ~ U[−1, 1]² rescaled to a radius
/// r ~ U[0.1, 1]; velocity along (y, −x) with speed √((1 + 0.3·u)/r), u ~ U[0, 1]
/// (bound orbits, E < 0). Reference data: 100 trajectories (50/50), 100 points on
/// [0, 10]; evaluation over 5 s.
public struct Kepler: SeparableHamiltonianSystem, DiscoveryLibraryHint {
  public init() {}

  public var name: String { "kepler" }
  public var dimension: Int { 4 }
  public var degreesOfFreedom: Int { 2 }
  public var stateNames: [String] { ["x", "y", "vx", "vy"] }
  /// Cubic polynomials and the central-force terms 1/r, x/r, y/r (E, L and the Runge–Lenz vector).
  public var discoveryLibrary: String { "poly3+central" }

  public var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      trajectoryCount: 100, trainingCount: 50, pointCount: 100, duration: 10, evaluationHorizon: 5)
  }

  public func derivatives(at states: StateBatch) -> StateBatch {
    var out = states
    for i in 0..<states.count {
      let (x, y) = (states[i, 0], states[i, 1])
      let r2 = x * x + y * y
      let inverseCube = 1 / (r2 * r2.squareRoot())
      out[i, 0] = states[i, 2]
      out[i, 1] = states[i, 3]
      out[i, 2] = -x * inverseCube
      out[i, 3] = -y * inverseCube
    }
    return out
  }

  public func positionRates(momenta: StateBatch) -> StateBatch { momenta }

  public func momentumRates(positions: StateBatch) -> StateBatch {
    var out = positions
    for i in 0..<positions.count {
      let (x, y) = (positions[i, 0], positions[i, 1])
      let r2 = x * x + y * y
      let inverseCube = 1 / (r2 * r2.squareRoot())
      out[i, 0] = -x * inverseCube
      out[i, 1] = -y * inverseCube
    }
    return out
  }

  public var invariants: [KnownInvariant] {
    [
      KnownInvariant(
        name: "energy", formula: "½(vx² + vy²) − 1/√(x² + y²)",
        value: { s in
          (0..<s.count).map { i in
            let r = (s[i, 0] * s[i, 0] + s[i, 1] * s[i, 1]).squareRoot()
            return 0.5 * (s[i, 2] * s[i, 2] + s[i, 3] * s[i, 3]) - 1 / r
          }
        },
        gradient: { s in
          var g = s
          for i in 0..<s.count {
            let r2 = s[i, 0] * s[i, 0] + s[i, 1] * s[i, 1]
            let inverseCube = 1 / (r2 * r2.squareRoot())
            g[i, 0] = s[i, 0] * inverseCube
            g[i, 1] = s[i, 1] * inverseCube
          }
          return g
        }),
      KnownInvariant(
        name: "angular-momentum", formula: "x·vy − y·vx",
        value: { s in (0..<s.count).map { i in s[i, 0] * s[i, 3] - s[i, 1] * s[i, 2] } },
        gradient: { s in
          var g = s
          for i in 0..<s.count {
            g[i, 0] = s[i, 3]
            g[i, 1] = -s[i, 2]
            g[i, 2] = -s[i, 1]
            g[i, 3] = s[i, 0]
          }
          return g
        }),
    ]
  }

  public func sampleInitialStates(
    count: Int, for purpose: SamplingPurpose, using generator: inout SeededGenerator
  ) -> StateBatch {
    var out = StateBatch(zeros: count, dimension: 4)
    for i in 0..<count {
      let (a, b) = (generator.uniform(-1, 1), generator.uniform(-1, 1))
      let radius = generator.uniform(0.1, 1.0)
      let norm = max((a * a + b * b).squareRoot(), 1e-12)
      let (x, y) = (a / norm * radius, b / norm * radius)
      let speed = ((1 + 0.3 * generator.nextUniform()) / radius).squareRoot()
      out[i, 0] = x
      out[i, 1] = y
      out[i, 2] = y / radius * speed
      out[i, 3] = -x / radius * speed
    }
    return out
  }
}
