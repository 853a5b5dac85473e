import ConCerNet
import NoetherCore
import NoetherLearning
import NoetherNN
import NoetherSystems
import Testing
import _Differentiation

@Suite struct SquareRatioLossTests {
  @Test(arguments: [1, 2]) func gradientMatchesFiniteDifferences(_ m: Int) {
    var g = SeededGenerator(seed: 1)
    let e = randomMatrix(12, m, &g)  // 3 trajectories of 4 points
    let ad = gradient(at: e) { $0.squareRatioLoss(trajectoryLength: 4) }
    let fd = finiteDifferenceGradient({ $0.squareRatioLoss(trajectoryLength: 4) }, at: e)
    #expect(relativeError(ad.scalars, fd) < 1e-7)
  }

  @Test func lossIsZeroForPerfectInvariantsAndLargeForNoise() {
    // Constant along each trajectory, different between trajectories: 0.
    let perfect = Matrix(rows: 6, columns: 1, scalars: [1, 1, 1, 5, 5, 5])
    #expect(perfect.squareRatioLoss(trajectoryLength: 3) == 0)
    // Mixed: each anchor's positives carry 1/3 or 2/3 of its distances: (1/12)·(128/48).
    let mixed = Matrix(rows: 6, columns: 1, scalars: [1, 5, 1, 5, 1, 5])
    #expect(abs(mixed.squareRatioLoss(trajectoryLength: 3) - 128.0 / 48 / 12) < 1e-12)
  }

  @Test func aShortRunLearnsTheSpringMassEnergy() throws {
    let data = try smallData(SpringMass(), trajectories: 20, points: 30, noise: 0.01)
    let learner = ContrastiveInvariantLearner(
      network: NetworkSettings(hidden: [32, 32]),
      training: TrainingSettings(epochs: 150, batchSize: 5, learningRate: 3e-3))
    let invariant = try learner.learnInvariants(from: data)
    let test = data.testing
    let r2 = try coefficientOfDetermination(
      target: SpringMass().invariants[0].values(at: test.allStates),
      features: invariant.values(at: test.allStates),
      featureCount: 1)
    #expect(r2 > 0.99, "R² = \(r2)")
  }
}

@Suite struct ProjectionTests {
  /// Random gradients [count, m, n].
  func gradients(_ count: Int, _ m: Int, _ n: Int, _ g: inout SeededGenerator) -> [Double] {
    (0..<(count * m * n)).map { _ in g.uniform(-2, 2) }
  }

  @Test(arguments: [(1, 2), (2, 4), (3, 5)]) func outputIsOrthogonalToEveryGradientAndIdempotent(
    _ shape: (Int, Int)
  ) {
    let (m, n) = shape
    var g = SeededGenerator(seed: UInt64(m * 10 + n))
    let count = 50
    let grads = gradients(count, m, n, &g)
    let f = (0..<(count * n)).map { _ in g.uniform(-3, 3) }
    let basis = ProjectionBasis(gradients: grads, count: count, invariantCount: m, dimension: n)
    let projected = basis.project(f)
    for i in 0..<count {
      let fNorm = (0..<n).map { projected[i * n + $0] * projected[i * n + $0] }.reduce(0, +).squareRoot()
      let originalNorm = (0..<n).map { f[i * n + $0] * f[i * n + $0] }.reduce(0, +).squareRoot()
      for k in 0..<m {
        var dot = 0.0
        var gNorm = 0.0
        for j in 0..<n {
          dot += projected[i * n + j] * grads[(i * m + k) * n + j]
          gNorm += grads[(i * m + k) * n + j] * grads[(i * m + k) * n + j]
        }
        #expect(abs(dot) <= 1e-12 * max(originalNorm, fNorm) * gNorm.squareRoot())
      }
    }
    let twice = basis.project(projected)
    #expect(relativeError(twice, projected) < 1e-12)
    // It equals f − G(GᵀG)⁻¹Gᵀf: for m = 1, f − (f·g/g·g) g.
    if m == 1 {
      for i in 0..<count {
        let gi = (0..<n).map { grads[i * n + $0] }
        let fi = (0..<n).map { f[i * n + $0] }
        let c = zip(fi, gi).map(*).reduce(0, +) / gi.map { $0 * $0 }.reduce(0, +)
        #expect(
          relativeError((0..<n).map { projected[i * n + $0] }, (0..<n).map { fi[$0] - c * gi[$0] }) < 1e-12)
      }
    }
  }

  @Test func vanishingAndDependentGradientsGiveFiniteValues() {
    // Point 0: ∇H = 0. Point 1: the second gradient is a multiple of the first.
    let grads: [Double] = [0, 0, 0, 0, 0, 0, 1, 2, 3, 2, 4, 6]
    let basis = ProjectionBasis(gradients: grads, count: 2, invariantCount: 2, dimension: 3)
    let f: [Double] = [1, -1, 2, 3, 0, 1]
    let out = basis.project(f)
    #expect(out.allSatisfy { $0.isFinite })
    #expect(Array(out[0..<3]) == [1, -1, 2])  // unchanged where ∇H = 0
    let dot = out[3] * 1 + out[4] * 2 + out[5] * 3
    #expect(abs(dot) < 1e-12)
  }

  @Test func theAlignmentScaleRemovesANearlyAlignedDirectionInPartAndKeepsTheFirstExactly() {
    // Two gradients at angle θ (sin θ = r) in the plane, a third axis free.
    let delta = 0.01
    for r in [0.5, 0.05, 0.01, 0.001] {
      let c = (1 - r * r).squareRoot()
      let grads: [Double] = [1, 0, 0, c, r, 0]
      let exact = ProjectionBasis(gradients: grads, count: 1, invariantCount: 2, dimension: 3)
      let soft = ProjectionBasis(
        gradients: grads, count: 1, invariantCount: 2, dimension: 3, alignmentScale: delta)
      let f: [Double] = [0.3, 1, 0.7]
      let e = exact.project(f)
      let p = soft.project(f)
      // The first invariant is kept exactly either way; the free axis is untouched.
      #expect(abs(p[0]) < 1e-15 && abs(e[0]) < 1e-15 && p[2] == 0.7)
      // The second direction (the y axis) is removed with weight r²/(r² + δ²).
      let weight = r * r / (r * r + delta * delta)
      #expect(abs(p[1] - (1 - weight) * f[1]) < 1e-12, "r \(r): \(p[1])")
      #expect(abs(e[1]) < 1e-12)
      // So ∇H₂·f̃ = r·(1 − w)·f_y ≤ δ/2 · |f_y|.
      let violation = abs(c * p[0] + r * p[1])
      #expect(violation <= delta / 2 * abs(f[1]) + 1e-15, "r \(r): \(violation)")
    }
  }

  @Test func projectionIsDifferentiable() {
    var g = SeededGenerator(seed: 5)
    let basis = ProjectionBasis(gradients: gradients(4, 1, 3, &g), count: 4, invariantCount: 1, dimension: 3)
    let f = randomMatrix(4, 3, &g)
    let r = randomMatrix(4, 3, &g)
    let ad = gradient(at: f) { ($0.projected(onto: basis) * r).sum() }
    let fd = finiteDifferenceGradient({ ($0.projected(onto: basis) * r).sum() }, at: f)
    #expect(relativeError(ad.scalars, fd) < 1e-8)
  }

  @Test func hardProjectionOnKnownInvariantsConservesThemInRollouts() {
    // A wrong field (a spiral) projected onto the spring-mass energy keeps the energy.
    struct Spiral: VectorField {
      var dimension: Int { 2 }
      func derivatives(at x: StateBatch) -> StateBatch {
        var f = x
        for i in 0..<x.count {
          f[i, 0] = 2 * x[i, 1] - 0.3 * x[i, 0]
          f[i, 1] = -2 * x[i, 0] - 0.3 * x[i, 1]
        }
        return f
      }
    }
    let system = SpringMass()
    let field = ConstrainedField(
      Spiral(), constrainedBy: HardProjection(KnownInvariantSet(system.invariants, dimension: 2)))
    let solution = DormandPrince45(relativeTolerance: 1e-10).integrate(
      field, from: StateBatch(rows: [[0.8, 0.1]]), at: evenGrid(from: 0, to: 20, count: 201))
    let energy = system.invariants[0].values(at: solution.trajectory(0))
    #expect(energy.map { abs($0 - energy[0]) }.max()! < 1e-8)
  }
}

@Suite struct ConCerNetLearnerTests {
  @Test func conCerNetConservesItsLearnedInvariantWhereTheBaselineDoesNot() throws {
    let data = try smallData(SpringMass(), trajectories: 20, points: 30, noise: 0.01)
    let net = NetworkSettings(hidden: [32, 32])
    let invariants = ContrastiveInvariantLearner(
      network: net, training: TrainingSettings(epochs: 150, batchSize: 5, learningRate: 3e-3))
    let dynamics = DynamicsNetworkTraining(
      network: net, training: TrainingSettings(epochs: 60, batchSize: 100, learningRate: 3e-3))
    let model = try ConCerNetLearner(invariants: invariants, dynamics: dynamics).fit(data)
    let baseline = try BaselineLearner(training: dynamics).fit(data)
    // The learned invariant g is conserved exactly by the projected field.
    let x0 = StateBatch(rows: [[0.9, 0.0], [0.0, -0.5]])
    let times = evenGrid(from: 0, to: 10, count: 101)
    let rollout = model.rollout(from: x0, at: times, integrator: DormandPrince45(relativeTolerance: 1e-9))
    #expect(rollout.status == .success)
    for i in 0..<2 {
      let g = model.invariants!.values(at: rollout.trajectory(i))
      #expect(g.map { abs($0 - g[0]) }.max()! < 1e-6 * max(1, abs(g[0])))
    }
    // The baseline, trained the same way without the projection, does not conserve g.
    let free = baseline.rollout(from: x0, at: times, integrator: DormandPrince45(relativeTolerance: 1e-9))
    let drift = (0..<2).map { i -> Double in
      let g = model.invariants!.values(at: free.trajectory(i))
      return g.map { abs($0 - g[0]) }.max()!
    }.max()!
    #expect(drift > 1e-4)
  }
}
