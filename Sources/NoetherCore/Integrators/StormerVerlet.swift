/// Störmer–Verlet (leapfrog, kick–drift–kick) for separable Hamiltonians
/// H(q, p) = T(p) + V(q):
///
///   p_{1/2} = p₀ + (h/2)·ṗ(q₀),  q₁ = q₀ + h·q̇(p_{1/2}),  p₁ = p_{1/2} + (h/2)·ṗ(q₁).
///
/// Second order, symplectic and time-reversible: the energy error stays bounded
/// (it oscillates, with no drift) over very long runs.
public struct StormerVerlet: Sendable {
  public let stepSize: Double
  /// The global order of accuracy.
  public var order: Int { 2 }

  public init(stepSize: Double) {
    precondition(stepSize > 0, "StormerVerlet: the step size must be positive")
    self.stepSize = stepSize
  }

  /// One kick–drift–kick step of size h from states x = (q, p).
  public func step(_ system: some SeparableHamiltonianSystem, from x: StateBatch, by h: Double)
    -> StateBatch
  {
    let m = system.degreesOfFreedom
    var q = StateBatch(zeros: x.count, dimension: m)
    var p = StateBatch(zeros: x.count, dimension: m)
    for i in 0..<x.count {
      for j in 0..<m {
        q[i, j] = x[i, j]
        p[i, j] = x[i, m + j]
      }
    }
    p = axpy(p, h / 2, system.momentumRates(positions: q))
    q = axpy(q, h, system.positionRates(momenta: p))
    p = axpy(p, h / 2, system.momentumRates(positions: q))
    var out = x
    for i in 0..<x.count {
      for j in 0..<m {
        out[i, j] = q[i, j]
        out[i, m + j] = p[i, j]
      }
    }
    return out
  }

  /// The states at `times`, each output interval split into equal steps no larger
  /// than `stepSize`.
  public func integrate(
    _ system: some SeparableHamiltonianSystem, from initial: StateBatch, at times: [Double]
  ) -> Solution {
    fixedStepIntegration(from: initial, at: times, stepSize: stepSize) { x, h in
      step(system, from: x, by: h)
    }
  }
}
