import ConCerNet
import HNN
import NoetherCore
import NoetherLearning
import NoetherNN
import NoetherSystems
import PINN
import Testing
import _Differentiation

@Suite struct HNNTests {
  @Test func lossGradientMatchesFiniteDifferences() {
    var g = SeededGenerator(seed: 9)
    let h = MLP(sizes: [4, 12, 12, 1], generator: &g)
    let x = randomMatrix(6, 4, &g)
    let target = randomMatrix(6, 4, &g)
    let loss: @differentiable(reverse) (MLP) -> Double = { h in
      (HamiltonianModel.symplecticField(h, x) - target).squared().sum()
    }
    #expect(parameterGradientError(h, loss) < 1e-6)
  }

  @Test func oddDimensionsAreRejectedWithAnExplanation() throws {
    let data = try smallData(ChemicalKinetics(), trajectories: 4, points: 10)
    #expect(throws: Never.self) { try HamiltonianLearner.checkApplicable(dimension: 4) }
    do {
      _ = try HamiltonianLearner().fit(try smallData(HeatEquation(), trajectories: 2, points: 5))
      Issue.record("an HNN accepted a 101-dimensional system")
    } catch let error as NoetherError {
      #expect(error.description.contains("even state dimension; this system has dimension 101"))
    }
    _ = data
  }

  @Test func aShortRunLearnsAHamiltonianThatTracksTheEnergy() throws {
    let data = try smallData(SpringMass(), trajectories: 20, points: 30, noise: 0.01)
    let model = try HamiltonianLearner(
      network: NetworkSettings(hidden: [32, 32]),
      training: TrainingSettings(epochs: 60, batchSize: 100, learningRate: 3e-3)
    ).fit(data)
    let test = data.testing.allStates
    let r2 = try coefficientOfDetermination(
      target: SpringMass().invariants[0].values(at: test), features: model.hamiltonian.values(at: test),
      featureCount: 1)
    #expect(r2 > 0.99, "R² of the learned Hamiltonian: \(r2)")
    // Its field conserves its own H along a rollout.
    let s = model.rollout(
      from: StateBatch(rows: [[0.7, 0.2]]), at: evenGrid(from: 0, to: 10, count: 51),
      integrator: DormandPrince45(relativeTolerance: 1e-10))
    let h = model.hamiltonian.values(at: s.trajectory(0))
    #expect(h.map { abs($0 - h[0]) }.max()! < 1e-7)
  }
}

@Suite struct PenaltyTests {
  @Test func softPenaltyReducesTheConservationResidual() throws {
    let data = try smallData(SpringMass(), trajectories: 12, points: 30, noise: 0.01)
    let known = KnownInvariantSet(SpringMass().invariants, dimension: 2)
    let dynamics = DynamicsNetworkTraining(
      network: NetworkSettings(hidden: [32, 32]),
      training: TrainingSettings(epochs: 40, batchSize: 100, learningRate: 3e-3))
    let soft = try SoftPenaltyLearner(
      invariants: KnownInvariantLearner(known), weight: 100, dynamics: dynamics
    ).fit(data)
    let plain = try BaselineLearner(training: dynamics).fit(data)
    // Mean (∇H·f)² over test states: the penalty's own objective.
    func residual(_ m: NeuralDynamicsModel) -> Double {
      let x = data.testing.allStates
      let f = m.derivatives(at: x)
      let g = known.invariants[0].gradients(at: x)
      return (0..<x.count).map { i in
        let d = f[i, 0] * g[i, 0] + f[i, 1] * g[i, 1]
        return d * d
      }.reduce(0, +) / Double(x.count)
    }
    #expect(residual(soft) < residual(plain) / 2, "soft \(residual(soft)) vs plain \(residual(plain))")
    #expect(throws: NoetherError.self) {
      _ = try SoftPenaltyLearner(invariants: KnownInvariantLearner(known), weight: -1).fit(data)
    }
  }

  @Test func heatResidualGradientMatchesFiniteDifferencesAndVanishesOnASolution() {
    var g = SeededGenerator(seed: 10)
    let u = MLP(sizes: [2, 8, 8, 1], generator: &g)
    let points = randomMatrix(10, 2, &g)
    let residual = HeatResidual()
    #expect(parameterGradientError(u, { residual.meanSquare($0, at: points) }) < 1e-6)
    // A one-unit network u = w₂·tanh(y) + b has u_t = 0 and u_yy = w₂·tanh″(y): the
    // residual is −tanh″(y)·w₂, checked pointwise.
    let single = MLP(
      layers: [
        Dense(weight: Matrix([[0], [1]]), bias: Matrix([[0]])),
        Dense(weight: Matrix([[0.5]]), bias: Matrix([[0.1]])),
      ], activation: .tanh)
    let r = residual.residual(single, at: points)
    for i in 0..<10 {
      let t = Glibc.tanh(points[i, 1])
      #expect(abs(r[i, 0] - (-0.5 * (-2 * t * (1 - t * t)))) < 1e-12)
    }
  }
}

#if canImport(Glibc)
  import Glibc
#endif
