import NoetherCore
import Testing

/// q² + p² for 2-D states.
private let energy = KnownInvariantSet(
  [
    KnownInvariant(
      name: "energy", formula: "q² + p²",
      value: { x in (0..<x.count).map { x[$0, 0] * x[$0, 0] + x[$0, 1] * x[$0, 1] } },
      gradient: { x in StateBatch(count: x.count, dimension: 2, values: x.values.map { 2 * $0 }) })
  ], dimension: 2)

/// The harmonic oscillator q̇ = p, ṗ = −q.
private struct UnitOscillator: VectorField {
  var dimension: Int { 2 }
  func derivatives(at x: StateBatch) -> StateBatch {
    var f = x
    for i in 0..<x.count {
      f[i, 0] = x[i, 1]
      f[i, 1] = -x[i, 0]
    }
    return f
  }
}

/// ẋ = y − x, ẏ = x − y: x + y is conserved, and RK4 keeps a linear invariant exactly.
private struct Exchange: VectorField {
  var dimension: Int { 2 }
  func derivatives(at s: StateBatch) -> StateBatch {
    var f = s
    for i in 0..<s.count {
      f[i, 0] = s[i, 1] - s[i, 0]
      f[i, 1] = s[i, 0] - s[i, 1]
    }
    return f
  }
}

@Suite struct StepProjectionTests {
  let initial = StateBatch(count: 3, dimension: 2, values: [1, 0, 0.3, -0.7, -2, 0.5])

  func largestRelativeChange(_ solution: Solution, _ invariant: some InvariantFunction) -> Double {
    let start = invariant.values(at: initial)
    let values = invariant.values(
      at: StateBatch(count: solution.count * solution.times.count, dimension: 2, values: solution.states))
    let steps = solution.times.count
    return values.indices.map { abs(values[$0] - start[$0 / steps]) / max(1, abs(start[$0 / steps])) }.max()!
  }

  @Test func keepsAnInvariantToRoundOffOverTenThousandRK4Steps() {
    let times = (0...100).map { Double($0) * 10 }  // 10⁴ steps of 0.1
    let plain = RungeKutta4(stepSize: 0.1).integrate(UnitOscillator(), from: initial, at: times)
    var projected = RungeKutta4(stepSize: 0.1)
    projected.projection = ManifoldProjection(energy)
    let kept = projected.integrate(UnitOscillator(), from: initial, at: times)
    #expect(plain.status.succeeded && kept.status.succeeded)
    #expect(largestRelativeChange(plain, energy) > 1e-4)  // RK4 alone drifts
    #expect(largestRelativeChange(kept, energy) <= 1e-12)
  }

  @Test func leavesAConservingFieldsTrajectoryUnchanged() {
    let total = KnownInvariantSet(
      [
        KnownInvariant(
          name: "total", formula: "x + y", value: { x in (0..<x.count).map { x[$0, 0] + x[$0, 1] } },
          gradient: { x in StateBatch(count: x.count, dimension: 2, values: x.values.map { _ in 1 }) })
      ], dimension: 2)
    let times = (0...100).map { Double($0) * 0.5 }
    let plain = RungeKutta4(stepSize: 0.05).integrate(Exchange(), from: initial, at: times)
    var projected = RungeKutta4(stepSize: 0.05)
    projected.projection = ManifoldProjection(total)
    let kept = projected.integrate(Exchange(), from: initial, at: times)
    #expect(zip(plain.states, kept.states).allSatisfy { abs($0 - $1) <= 1e-12 })
    var adaptive = DormandPrince45(relativeTolerance: 1e-10, absoluteTolerance: 1e-10)
    let free = adaptive.integrate(Exchange(), from: initial, at: times)
    adaptive.projection = ManifoldProjection(total)
    let pulled = adaptive.integrate(Exchange(), from: initial, at: times)
    #expect(zip(free.states, pulled.states).allSatisfy { abs($0 - $1) <= 1e-12 })
  }

  @Test func adaptiveStepsAreProjectedToo() {
    let times = (0...200).map { Double($0) * 0.5 }
    var integrator = DormandPrince45(relativeTolerance: 1e-6, absoluteTolerance: 1e-6)
    let loose = integrator.integrate(UnitOscillator(), from: initial, at: times)
    integrator.projection = ManifoldProjection(energy)
    let kept = integrator.integrate(UnitOscillator(), from: initial, at: times)
    #expect(largestRelativeChange(loose, energy) > 1e-7)
    #expect(largestRelativeChange(kept, energy) <= 1e-12)
  }

  @Test func aProjectionThatCannotConvergeIsReported() {
    // Two copies of one invariant: GGᵀ is singular, so no Gauss–Newton step exists.
    let twice = KnownInvariantSet(energy.invariants + energy.invariants, dimension: 2)
    var integrator = RungeKutta4(stepSize: 0.1)
    integrator.projection = ManifoldProjection(twice)
    let solution = integrator.integrate(UnitOscillator(), from: initial, at: [0, 1, 2])
    guard case .projectionFailed(let time) = solution.status else {
      Issue.record("expected projectionFailed, got \(solution.status)")
      return
    }
    #expect(time == 1)
    #expect(solution.states(atTimeIndex: 1).values.allSatisfy { $0.isNaN })
    var adaptive = DormandPrince45(relativeTolerance: 1e-8, absoluteTolerance: 1e-8)
    adaptive.projection = ManifoldProjection(twice)
    #expect(!adaptive.integrate(UnitOscillator(), from: initial, at: [0, 1]).status.succeeded)
  }

  @Test func nearAFoldTheIterationGoesOnWhileItConverges() {
    // y − x² = 0 and y = 0 meet where their gradients (−2x, 1) and (0, 1) align: there
    // Gauss–Newton halves x each time (the residual falls ×0.25, as measured on Kepler),
    // so from x = 0.5 it needs about 22 iterations, more than a budget of 8.
    let fold = KnownInvariantSet(
      [
        KnownInvariant(
          name: "parabola", formula: "y − x²",
          value: { s in (0..<s.count).map { s[$0, 1] - s[$0, 0] * s[$0, 0] } },
          gradient: { s in
            StateBatch(count: s.count, dimension: 2, values: (0..<s.count).flatMap { [-2 * s[$0, 0], 1] })
          }),
        KnownInvariant(
          name: "line", formula: "y", value: { s in (0..<s.count).map { s[$0, 1] } },
          gradient: { s in
            StateBatch(count: s.count, dimension: 2, values: (0..<s.count).flatMap { _ in [0, 1] })
          }),
      ], dimension: 2)
    let start = StateBatch(count: 1, dimension: 2, values: [0.5, 0.1])
    let projected = ManifoldProjection(fold, maximumIterations: 8).project(start, onto: [0, 0])
    #expect(projected != nil)
    if let projected {
      let values = fold.values(at: projected)
      #expect(values.allSatisfy { abs($0) <= 1e-14 }, "\(values)")
      #expect(abs(projected[0, 0]) < 2e-7 && projected[0, 0] != 0)  // reached by halving, not at once
    }
    // A level set that does not exist (q² + p² = −1): the residual never falls, and the
    // projection reports failure once past its budget.
    #expect(ManifoldProjection(energy, maximumIterations: 8).project(start, onto: [-1]) == nil)
  }
}
