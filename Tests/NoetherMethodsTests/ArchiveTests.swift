import ConCerNet
import HNN
import NoetherCore
import NoetherLearning
import NoetherNN
import NoetherStore
import NoetherSystems
import PINN
import SINDy
import Testing

@Suite struct ModelArchiveTests {
  let data: TrajectorySet
  let states: StateBatch
  let quick = TrainingSettings(epochs: 2, batchSize: 50)
  let small = NetworkSettings(hidden: [16, 16])

  init() throws {
    data = try smallData(SpringMass(), trajectories: 6, points: 20, noise: 0.01)
    states = data.testing.allStates
  }

  /// Writes the model's archive to HDF5, reads it back and rebuilds it.
  func roundTrip(_ archive: ModelArchive) throws -> ModelArchive {
    let path = temporaryPath("model.h5")
    try ModelFile.write(archive, system: "spring-mass", to: path)
    let (back, system) = try ModelFile.read(from: path)
    #expect(system == "spring-mass")
    #expect(back == archive)
    return back
  }

  @Test func neuralModelsRoundTrip() throws {
    let training = DynamicsNetworkTraining(network: small, training: quick)
    let models: [NeuralDynamicsModel] = [
      try BaselineLearner(training: training).fit(data),
      try ConCerNetLearner(
        invariants: ContrastiveInvariantLearner(
          network: small, training: TrainingSettings(epochs: 2, batchSize: 3)), dynamics: training
      ).fit(data),
      try SoftPenaltyLearner(
        invariants: KnownInvariantLearner(KnownInvariantSet(SpringMass().invariants, dimension: 2)),
        dynamics: training
      ).fit(data),
    ]
    for model in models {
      let rebuilt = try NeuralDynamicsModel(archive: try roundTrip(model.archive()))
      #expect(rebuilt.methodName == model.methodName)
      #expect(rebuilt.derivatives(at: states) == model.derivatives(at: states))
    }
  }

  @Test func hnnRoundTrips() throws {
    let model = try HamiltonianLearner(network: small, training: quick).fit(data)
    let rebuilt = try HamiltonianModel(archive: try roundTrip(model.archive()))
    #expect(rebuilt.derivatives(at: states) == model.derivatives(at: states))
  }

  @Test func sindyRoundTrips() throws {
    let model = try SINDyLearner(stateNames: ["q", "p"]).fit(data)
    let rebuilt = try SINDyModel(archive: try roundTrip(model.archive()))
    #expect(rebuilt.derivatives(at: states) == model.derivatives(at: states))
    #expect(rebuilt.equations() == model.equations())
  }

  @Test func aModelFileIsNotADatasetFile() throws {
    let path = temporaryPath("data.h5")
    try TrajectoryFile.write(
      TrajectoryDataset(
        systemName: "x", stateNames: ["q", "p"], trajectories: data, noise: .exact, seed: 0, protocolName: "t"
      ),
      to: path)
    #expect(throws: StoreError.self) { _ = try ModelFile.read(from: path) }
  }
}
