import ConCerNet
import NoetherCore
import NoetherLearning
import NoetherNN
import Testing
import _Differentiation

/// Two uncoupled oscillators, q̇ₖ = ωₖpₖ, ṗₖ = −ωₖqₖ (ω = 1, 2.3): the energies
/// q₁² + p₁² and q₂² + p₂² are two independent invariants.
struct TwoOscillators: DynamicalSystem {
  var name: String { "two-oscillators" }
  var dimension: Int { 4 }
  var stateNames: [String] { ["q1", "p1", "q2", "p2"] }
  var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      trajectoryCount: 32, trainingCount: 16, pointCount: 20, duration: 3, evaluationHorizon: 3,
      evaluationPointCount: 21, evaluationTrajectoryCount: 3)
  }
  func derivatives(at s: StateBatch) -> StateBatch {
    var f = s
    for i in 0..<s.count {
      f[i, 0] = s[i, 1]
      f[i, 1] = -s[i, 0]
      f[i, 2] = 2.3 * s[i, 3]
      f[i, 3] = -2.3 * s[i, 2]
    }
    return f
  }
  func energy(_ k: Int) -> KnownInvariant {
    KnownInvariant(
      name: "energy-\(k + 1)", formula: "q\(k + 1)² + p\(k + 1)²",
      value: { s in (0..<s.count).map { s[$0, 2 * k] * s[$0, 2 * k] + s[$0, 2 * k + 1] * s[$0, 2 * k + 1] } },
      gradient: { s in
        var g = StateBatch(
          count: s.count, dimension: 4, values: [Double](repeating: 0, count: s.values.count))
        for i in 0..<s.count {
          g[i, 2 * k] = 2 * s[i, 2 * k]
          g[i, 2 * k + 1] = 2 * s[i, 2 * k + 1]
        }
        return g
      })
  }
  var invariants: [KnownInvariant] { [energy(0), energy(1)] }
  func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    StateBatch(count: count, dimension: 4, values: (0..<(4 * count)).map { _ in g.uniform(-1, 1) })
  }
}

@Suite struct GradientAlignmentTests {
  @Test func gradientMatchesFiniteDifferences() {
    var g = SeededGenerator(seed: 3)
    let gradients = randomMatrix(7, 4, &g)
    let raw = randomMatrix(7, 4, &g)
    let unit = ProjectionBasis(gradients: raw.scalars, count: 7, invariantCount: 1, dimension: 4)
    let directions = Matrix(rows: 7, columns: 4, scalars: unit.vectors)
    let ad = gradient(at: gradients) { $0.meanSquaredCosine(to: directions) }
    let fd = finiteDifferenceGradient({ $0.meanSquaredCosine(to: directions) }, at: gradients)
    #expect(relativeError(ad.scalars, fd) < 1e-7)
  }

  @Test func isOneForParallelZeroForOrthogonalAndScaleFree() {
    let u = Matrix(rows: 2, columns: 2, scalars: [1, 0, 0, 1])
    #expect(abs(Matrix(rows: 2, columns: 2, scalars: [3, 0, 0, -0.5]).meanSquaredCosine(to: u) - 1) < 1e-10)
    #expect(Matrix(rows: 2, columns: 2, scalars: [0, 2, 7, 0]).meanSquaredCosine(to: u) == 0)
    let g = Matrix(rows: 2, columns: 2, scalars: [1, 1, 1, 0])  // cos² = 1/2 and 0
    #expect(abs(g.meanSquaredCosine(to: u) - 0.25) < 1e-12)
    #expect(abs((1e6 * g).meanSquaredCosine(to: u) - 0.25) < 1e-12)
  }

  @Test func stackedNetworksComputeEachNetworksOutput() {
    var g = SeededGenerator(seed: 5)
    let a = MLP(sizes: [3, 6, 5, 1], generator: &g)
    let b = MLP(sizes: [3, 4, 7, 2], generator: &g)
    let c = MLP(sizes: [3, 5, 5, 1], generator: &g)
    let stacked = MLP.stacking([a, b])
    #expect(stacked.sizes == [3, 10, 12, 3])
    let x = randomMatrix(9, 3, &g)
    let (ya, yb, y) = (a(x), b(x), stacked(x))
    for i in 0..<9 {
      #expect(abs(y.scalars[i * 3] - ya.scalars[i]) < 1e-12)
      for k in 0..<2 { #expect(abs(y.scalars[i * 3 + 1 + k] - yb.scalars[i * 2 + k]) < 1e-12) }
    }
    // Gradients from the kept scalar networks equal those of the stacked network.
    let states = StateBatch(count: 9, dimension: 3, values: x.scalars)
    let kept = NetworkInvariant(stacking: [a, c]).gradients(at: states)
    let fromStacked = NetworkInvariant(MLP.stacking([a, c])).gradients(at: states)
    #expect(kept.count == 9 * 2 * 3 && zip(kept, fromStacked).allSatisfy { abs($0 - $1) < 1e-12 })
  }
}

@Suite struct IndependentInvariantsTests {
  @Test func learnedOneAfterAnotherTheInvariantsSpanBothEnergies() throws {
    let system = TwoOscillators()
    let data = try smallData(system, trajectories: 32, noise: 0)
    var learner = ContrastiveInvariantLearner(
      invariantCount: 2, network: NetworkSettings(hidden: [32, 32]),
      training: TrainingSettings(epochs: 300, batchSize: 4, learningRate: 3e-3))
    learner.independenceWeight = 1e-3
    let invariants = try learner.learnInvariants(from: data)
    let test = data.testing.allStates
    let features = invariants.values(at: test)
    let r2 = try system.invariants.map { invariant in
      try coefficientOfDetermination(target: invariant.values(at: test), features: features, featureCount: 2)
    }
    #expect(r2.allSatisfy { $0 > 0.95 }, "R² of the two energies on (g₁, g₂): \(r2)")
    // The first invariant is the single-invariant network itself.
    var single = learner
    single.invariantCount = 1
    let first = try single.learnInvariants(from: data).values(at: test)
    #expect(
      zip(first, stride(from: 0, to: features.count, by: 2).map { features[$0] }).allSatisfy {
        abs($0 - $1) < 1e-12
      })
  }
}
