import NoetherCore

/// The harmonic oscillator q̇ = ω p, ṗ = −ω q with its exact solution, written as a
/// user would write a system (this also checks that a test-target type conforms).
struct Oscillator: SeparableHamiltonianSystem {
  var omega = 2.0
  var name: String { "test-oscillator" }
  var dimension: Int { 2 }
  var degreesOfFreedom: Int { 1 }
  var stateNames: [String] { ["q", "p"] }
  var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(trajectoryCount: 4, trainingCount: 2, pointCount: 11, duration: 1, evaluationHorizon: 1)
  }

  func derivatives(at x: StateBatch) -> StateBatch {
    var out = x
    for i in 0..<x.count {
      out[i, 0] = omega * x[i, 1]
      out[i, 1] = -omega * x[i, 0]
    }
    return out
  }
  func positionRates(momenta: StateBatch) -> StateBatch {
    StateBatch(count: momenta.count, dimension: 1, values: momenta.values.map { omega * $0 })
  }
  func momentumRates(positions: StateBatch) -> StateBatch {
    StateBatch(count: positions.count, dimension: 1, values: positions.values.map { -omega * $0 })
  }
  var invariants: [KnownInvariant] {
    [
      KnownInvariant(
        name: "energy", formula: "q² + p²",
        value: { x in (0..<x.count).map { x[$0, 0] * x[$0, 0] + x[$0, 1] * x[$0, 1] } },
        gradient: { x in StateBatch(count: x.count, dimension: 2, values: x.values.map { 2 * $0 }) })
    ]
  }
  func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    StateBatch(count: count, dimension: 2, values: (0..<(2 * count)).map { _ in g.uniform(-1, 1) })
  }

  /// The exact state at time t from x0.
  func exact(_ x0: [Double], at t: Double) -> [Double] {
    let (c, s) = (cos(omega * t), sin(omega * t))
    return [x0[0] * c + x0[1] * s, x0[1] * c - x0[0] * s]
  }
}

/// ẋ = x², which blows up at t = 1/x₀.
struct BlowUp: VectorField {
  var dimension: Int { 1 }
  func derivatives(at x: StateBatch) -> StateBatch {
    StateBatch(count: x.count, dimension: 1, values: x.values.map { $0 * $0 })
  }
}

#if canImport(Glibc)
  import Glibc
#endif
