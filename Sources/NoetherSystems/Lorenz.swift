import NoetherCore

/// The Lorenz system (σ = 10, ρ = 28, β = 8/3): chaotic, no conserved quantity.
public struct Lorenz: DynamicalSystem {
  public init() {}
  public var name: String { "lorenz" }
  public var dimension: Int { 3 }
  public var stateNames: [String] { ["x", "y", "z"] }
  public var referenceProtocol: ReferenceProtocol { discoveryProtocol(duration: 2) }
  public func derivatives(at s: StateBatch) -> StateBatch {
    s.mapped { v in [10 * (v[1] - v[0]), v[0] * (28 - v[2]) - v[1], v[0] * v[1] - 8.0 / 3.0 * v[2]] }
  }
  public func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    .drawn(count, dimension: 3) { g.uniformState([(-15, 15), (-20, 20), (5, 40)]) }
  }
}
