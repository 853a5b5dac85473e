import ConCerNet
import NoetherCore
import NoetherLearning
import NoetherNN
import NoetherStore
import NoetherSystems
import Testing

@Suite struct LatentTests {
  @Test func heatEquationConCerNetRunsInTheAutoencoderLatentSpace() throws {
    let data = try smallData(HeatEquation(), trajectories: 8, points: 20, noise: 0)
    let autoencoder = AutoencoderTraining(
      training: TrainingSettings(epochs: 500, batchSize: 40, learningRate: 3e-3))
    let ae = try autoencoder.fit(data)
    // The reconstruction explains most of the states' variance.
    let x = Matrix(rows: data.trajectoryCount * data.pointCount, columns: 101, scalars: data.states)
    let mean = x.mean()
    let variance = x.adding(-mean).squared().mean()
    let error = (ae.reconstruct(x) - x).squared().mean()
    #expect(error < 0.1 * variance, "reconstruction MSE \(error) vs variance \(variance)")
    // ż is the chain rule (∂E/∂x)·ẋ: compare with a central difference of E along ẋ.
    let latent = try ae.encode(data)
    #expect(latent.dimension == 9)
    let h = 1e-6
    let dx = Matrix(rows: x.rows, columns: 101, scalars: data.derivatives)
    let fd = (1 / (2 * h)) * (ae.encoder(x + h * dx) - ae.encoder(x - h * dx))
    #expect(relativeError(latent.derivatives, fd.scalars) < 1e-6)

    let small = NetworkSettings(hidden: [16, 16])
    let inner = ConCerNetLearner(
      invariants: ContrastiveInvariantLearner(
        network: small, training: TrainingSettings(epochs: 20, batchSize: 4)),
      dynamics: DynamicsNetworkTraining(network: small, training: TrainingSettings(epochs: 10, batchSize: 50))
    )
    let model = try LatentLearner(inner, autoencoder: autoencoder).fit(data)
    let start = StateBatch(rows: [data.trajectory(0).row(0), data.trajectory(5).row(0)])
    let rollout = model.rollout(
      from: start, at: evenGrid(from: 0, to: 1, count: 11),
      integrator: DormandPrince45(relativeTolerance: 1e-8))
    #expect(rollout.status == .success && rollout.dimension == 101 && rollout.states.count == 2 * 11 * 101)
    #expect(rollout.states.allSatisfy { $0.isFinite })
    // Archive round trip through HDF5.
    let path = temporaryPath("latent.h5")
    try ModelFile.write(model.archive(), system: "heat-equation", to: path)
    let rebuilt = try LatentDynamicsModel<NeuralDynamicsModel>(
      archive: try ModelFile.read(from: path).archive)
    let again = rebuilt.rollout(
      from: start, at: evenGrid(from: 0, to: 1, count: 11),
      integrator: DormandPrince45(relativeTolerance: 1e-8))
    #expect(again.states == rollout.states)
  }
}
