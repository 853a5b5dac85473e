import NoetherCore
import NoetherLearning
import NoetherNN

#if canImport(Glibc)
  import Glibc
#endif

/// A reversible first-order reaction X₁ ⇌ X₂ with Arrhenius rates
/// kᵢ = 10·exp(−Eaᵢ·1000 / (8.31·250)), Ea₁ = 5.74, Ea₂ = 7.47:
///
///   ẋ₁ = −k₁x₁ + k₂x₂,  ẋ₂ = k₁x₁ − k₂x₂.
///
/// Invariant: the total mass x₁ + x₂. Training initial states: y ~ U[0, 2]² rescaled
/// to a radius r ~ U[0.1, 100.1]; evaluation: y ~ U[0, 1]² rescaled to r ~ U[0, 200].
/// Reference data: 100 trajectories (50/50), 30 points on [0, 3]; evaluation over 10 s.
public struct ChemicalKinetics: NetworkActivationHint {
  /// k₁ (forward rate).
  public let forwardRate: Double
  /// k₂ (backward rate).
  public let backwardRate: Double

  public init(activationEnergies: (Double, Double) = (5.74, 7.47), temperature: Double = 250) {
    func rate(_ ea: Double) -> Double { 10 * exp(-ea * 1000 / (8.31 * temperature)) }
    forwardRate = rate(activationEnergies.0)
    backwardRate = rate(activationEnergies.1)
  }

  public var name: String { "chemical-kinetics" }
  public var dimension: Int { 2 }
  public var stateNames: [String] { ["x1", "x2"] }
  /// ReLU, as in the reference implementation.
  public var networkActivation: Activation { .relu }

  public var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      trajectoryCount: 100, trainingCount: 50, pointCount: 30, duration: 3, evaluationHorizon: 10)
  }

  public func derivatives(at states: StateBatch) -> StateBatch {
    var out = states
    for i in 0..<states.count {
      let flux = -forwardRate * states[i, 0] + backwardRate * states[i, 1]
      out[i, 0] = flux
      out[i, 1] = -flux
    }
    return out
  }

  public var invariants: [KnownInvariant] {
    [
      KnownInvariant(
        name: "mass", formula: "x1 + x2",
        value: { x in (0..<x.count).map { x[$0, 0] + x[$0, 1] } },
        gradient: { x in
          StateBatch(count: x.count, dimension: 2, values: [Double](repeating: 1, count: 2 * x.count))
        })
    ]
  }

  public func sampleInitialStates(
    count: Int, for purpose: SamplingPurpose, using generator: inout SeededGenerator
  ) -> StateBatch {
    let (side, radii): (Double, ClosedRange<Double>) =
      purpose == .training ? (2, 0.1...100.1) : (1, 0...200)
    var out = StateBatch(zeros: count, dimension: 2)
    for i in 0..<count {
      let (a, b) = (generator.uniform(0, side), generator.uniform(0, side))
      let radius = generator.uniform(radii.lowerBound, radii.upperBound)
      let norm = max((a * a + b * b).squareRoot(), 1e-12)
      out[i, 0] = a / norm * radius
      out[i, 1] = b / norm * radius
    }
    return out
  }
}
