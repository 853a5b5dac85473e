import NoetherCore

/// Euler's equations of a free rigid body with principal moments I = (1, 2, 3), state
/// the angular velocity ω: I₁ω̇₁ = (I₂ − I₃)ω₂ω₃ and cyclically. Two quadratic
/// invariants in odd dimension: the energy Σ Iᵢωᵢ² and the squared angular momentum
/// Σ Iᵢ²ωᵢ².
public struct RigidBody: DynamicalSystem {
  public let moments = (1.0, 2.0, 3.0)
  public init() {}
  public var name: String { "rigid-body" }
  public var dimension: Int { 3 }
  public var stateNames: [String] { ["w1", "w2", "w3"] }
  public var referenceProtocol: ReferenceProtocol { discoveryProtocol(duration: 10) }

  public func derivatives(at x: StateBatch) -> StateBatch {
    let (a, b, c) = moments
    return x.mapped { w in [(b - c) / a * w[1] * w[2], (c - a) / b * w[2] * w[0], (a - b) / c * w[0] * w[1]] }
  }

  public var invariants: [KnownInvariant] {
    let (a, b, c) = moments
    return [
      .pointwise(
        "energy", "I₁ω₁² + I₂ω₂² + I₃ω₃²",
        value: { a * $0[0] * $0[0] + b * $0[1] * $0[1] + c * $0[2] * $0[2] },
        gradient: { [2 * a * $0[0], 2 * b * $0[1], 2 * c * $0[2]] }),
      .pointwise(
        "momentum-squared", "I₁²ω₁² + I₂²ω₂² + I₃²ω₃²",
        value: { a * a * $0[0] * $0[0] + b * b * $0[1] * $0[1] + c * c * $0[2] * $0[2] },
        gradient: { [2 * a * a * $0[0], 2 * b * b * $0[1], 2 * c * c * $0[2]] }),
    ]
  }

  public func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    .drawn(count, dimension: 3) { g.uniformState([(-1, 1), (-1, 1), (-1, 1)]) }
  }
}
