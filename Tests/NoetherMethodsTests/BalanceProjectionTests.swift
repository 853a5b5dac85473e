import Foundation
import NoetherCore
import NoetherLearning
import NoetherNN
import NoetherSystems
import Testing
import _Differentiation

/// A wrong field for the damped oscillator, defined here: a spiral that decays too fast
/// and turns too slowly.
struct WrongSpiral: VectorField {
  var dimension: Int { 2 }
  func derivatives(at x: StateBatch) -> StateBatch {
    x.mapped { [0.8 * $0[1] - 0.5 * $0[0], -0.8 * $0[0] - 0.5 * $0[1]] }
  }
}

/// Two balance laws in three dimensions, defined here, with sources of both signs:
/// C₁ = x² + y z with s₁ = x − z², C₂ = y + z³ with s₂ = sin x.
struct TwoBalanceLaws: BalanceFunction {
  var inputDimension: Int { 3 }
  var invariantCount: Int { 2 }
  func values(at x: StateBatch) -> [Double] {
    (0..<x.count).flatMap { i in [x[i, 0] * x[i, 0] + x[i, 1] * x[i, 2], x[i, 1] + pow(x[i, 2], 3)] }
  }
  func gradients(at x: StateBatch) -> [Double] {
    (0..<x.count).flatMap { i in [2 * x[i, 0], x[i, 2], x[i, 1], 0, 1, 3 * x[i, 2] * x[i, 2]] }
  }
  func sources(at x: StateBatch) -> [Double] {
    (0..<x.count).flatMap { i in [x[i, 0] - x[i, 2] * x[i, 2], sin(x[i, 0])] }
  }
}

@Suite struct BalanceProjectionTests {
  /// f̃ = f − G(GᵀG)⁻¹(Gᵀf − s): ∇Cₖ·f̃ = sₖ to round-off, f̃ − f lies in the span of
  /// the gradients, and projecting twice changes nothing.
  @Test func theBalanceProjectionImposesTheSources() {
    var g = SeededGenerator(seed: 17)
    let count = 50
    let states = StateBatch.drawn(count, dimension: 3) {
      [g.uniform(-2, 2), g.uniform(-2, 2), g.uniform(-2, 2)]
    }
    let laws = TwoBalanceLaws()
    let f = (0..<(count * 3)).map { _ in g.uniform(-3, 3) }
    let basis = ProjectionBasis(laws, at: states)
    let projected = basis.project(f)
    let gradients = laws.gradients(at: states)
    let sources = laws.sources(at: states)
    for i in 0..<count {
      for k in 0..<2 {
        let rate = (0..<3).reduce(0.0) { $0 + gradients[(i * 2 + k) * 3 + $1] * projected[i * 3 + $1] }
        let scale = max(1, abs(sources[i * 2 + k]))
        #expect(abs(rate - sources[i * 2 + k]) < 1e-12 * scale * 10, "state \(i), law \(k)")
      }
    }
    // The change is in the gradients' span: the tangent projection removes it.
    let change = zip(projected, f).map { $0 - $1 }
    #expect(basis.projectTangent(change).map(abs).max()! < 1e-12)
    let twice = basis.project(projected)
    #expect(zip(twice, projected).map { abs($0 - $1) }.max()! < 1e-12)
  }

  /// Trained through: the pullback of the affine projection is its linear part, checked
  /// against central differences.
  @Test func theBalanceProjectionIsDifferentiable() {
    var g = SeededGenerator(seed: 5)
    let states = StateBatch.drawn(4, dimension: 3) { [g.uniform(-1, 1), g.uniform(-1, 1), g.uniform(-1, 1)] }
    let basis = ProjectionBasis(TwoBalanceLaws(), at: states)
    #expect(basis.offsets != nil)
    let f = randomMatrix(4, 3, &g)
    let r = randomMatrix(4, 3, &g)
    let loss = { (m: Matrix) -> Double in (m.projected(onto: basis) * m.projected(onto: basis) * r).sum() }
    let ad = gradient(at: f) { m in (m.projected(onto: basis) * m.projected(onto: basis) * r).sum() }
    let fd = finiteDifferenceGradient(loss, at: f)
    #expect(relativeError(ad.scalars, fd) < 1e-7)
  }

  /// A wrong field through the projection onto the damped oscillator's balance law
  /// follows its energy's decay exactly: dE/dt = −0.2 p² along the rollout, where the
  /// conservation projection would hold E fixed.
  @Test func aProjectedFieldFollowsTheEnergysDecay() {
    let system = DampedOscillator()
    let laws = KnownBalanceSet(system.balanceLaws, dimension: 2)
    let field = ConstrainedField(WrongSpiral(), constrainedBy: HardProjection(laws))
    var g = SeededGenerator(seed: 3)
    let states = StateBatch.drawn(20, dimension: 2) { [g.uniform(-1, 1), g.uniform(-1, 1)] }
    let rates = field.derivatives(at: states)
    let gradients = laws.gradients(at: states)
    let sources = laws.sources(at: states)
    for i in 0..<states.count {
      let rate = gradients[i * 2] * rates[i, 0] + gradients[i * 2 + 1] * rates[i, 1]
      #expect(abs(rate - sources[i]) < 1e-14)
    }
  }

  /// The soft penalty on balance laws is λ·mean((∇C·f − s)²), not the conservation
  /// penalty λ·mean((∇C·f)²): computed by hand on the damped oscillator's energy.
  @Test func theSoftPenaltyPenalisesTheBalanceMisfit() throws {
    let laws = KnownBalanceSet(DampedOscillator().balanceLaws, dimension: 2)
    let states = StateBatch(rows: [[0.5, -0.4], [1.0, 0.3], [-0.2, 0.8]])
    let f = Matrix(rows: 3, columns: 2, scalars: [0.1, 0.7, -0.3, 0.2, 0.5, -0.6])
    let penalty = try #require(
      try SoftPenalty(laws, weight: 2).training(at: states).penalty(f), "a penalty constraint")
    var expected = 0.0
    for i in 0..<3 {
      let (q, p) = (states[i, 0], states[i, 1])
      let rate = q * f.scalars[2 * i] + p * f.scalars[2 * i + 1]
      expected += (rate - (-0.2 * p * p)) * (rate - (-0.2 * p * p)) / 3
    }
    #expect(abs(penalty.value - 2 * expected) < 1e-14, "\(penalty.value) against \(2 * expected)")
  }

  /// Step projection carries ∫s with the state: along every rollout of a wrong field,
  /// C(x) − C(x₀) − ∫s stays within 10⁻¹² of C's scale; with the true field it follows
  /// the true solution (RK4's error), and the energy falls as the true one does.
  @Test func stepProjectionKeepsTheBalanceAlongRollouts() {
    let system = DampedOscillator()
    let laws = KnownBalanceSet(system.balanceLaws, dimension: 2)
    let projection = ManifoldProjection(laws)
    var rk4 = RungeKutta4(stepSize: 0.01)
    rk4.projection = projection
    let initial = StateBatch(rows: [[0.9, 0.1], [-0.3, 0.7], [0.05, -1.0]])
    let times = evenGrid(from: 0, to: 10, count: 101)
    for integrator in [
      rk4,
      {
        var d = DormandPrince45(relativeTolerance: 1e-8)
        d.projection = projection
        return d
      }(),
    ]
      as [any Integrator]
    {
      let extended = projection.integrateCarrying(WrongSpiral(), from: initial, at: times, with: integrator)
      #expect(extended.status == .success && extended.dimension == 3)
      for i in 0..<initial.count {
        let trajectory = extended.trajectory(i)
        let x = SourceCarriedField.state(of: trajectory, dimension: 2)
        let c = laws.values(at: x)
        let scale = c.map(abs).max()!
        for k in 0..<times.count {
          #expect(abs(c[k] - c[0] - trajectory[k, 2]) <= 1e-12 * scale, "rollout \(i) at \(times[k])")
        }
      }
      // Through `integrate` itself: the state part only.
      let plain = integrator.integrate(WrongSpiral(), from: initial, at: times)
      #expect(plain.dimension == 2 && plain.status == .success)
    }
    let exact = DormandPrince45(relativeTolerance: 1e-12).integrate(system, from: initial, at: times)
    let projected = rk4.integrate(system, from: initial, at: times)
    let error = zip(exact.states, projected.states).map { abs($0 - $1) }.max()!
    #expect(error < 1e-8, "\(error)")
    let energy = laws.values(at: projected.trajectory(0))
    #expect(energy.last! < 0.5 * energy[0])
  }
}
