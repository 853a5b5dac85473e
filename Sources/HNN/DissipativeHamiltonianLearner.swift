import NoetherCore
import NoetherLearning
import NoetherNN
import _Differentiation

/// Dissipative Hamiltonian neural networks (Sosanya & Greydanus 2022): two scalar
/// networks H and D whose Helmholtz field J∇H + ∇D fits the observed ẋ
/// (`HelmholtzNetworks`), for systems that leak (friction, a measured pendulum): the
/// conservative part keeps H, the dissipative part carries its change. The state must
/// be in canonical coordinates x = (q, p), as for an HNN.
public struct DissipativeHamiltonianLearner: DynamicsLearner, Sendable {
  public var methodName: String { "dhnn" }
  public var network: NetworkSettings
  public var training: TrainingSettings
  public var progress: ProgressHandler?

  public init(
    network: NetworkSettings = NetworkSettings(), training: TrainingSettings = TrainingSettings(),
    progress: ProgressHandler? = nil
  ) {
    self.network = network
    self.training = training
    self.progress = progress
  }

  /// Fits H and D (each initialised as the HNN's H would be, H first) by the mean
  /// squared error of J∇H + ∇D against ẋ, Adam on shuffled batches of points.
  /// - Throws: `NoetherError.notApplicable` for an odd dimension; training failures.
  public func fit(_ data: TrajectorySet) throws -> DissipativeHamiltonianModel {
    try HamiltonianLearner.checkApplicable(dimension: data.dimension, method: methodName)
    let (x, dx) = HamiltonianLearner.trainingPoints(data)
    let n = x.columns
    var generator = SeededGenerator(seed: training.seed &+ 2)
    let sizes = network.sizes(inputs: n, outputs: 1)
    let h = MLP(sizes: sizes, activation: network.activation, generator: &generator)
    let d = MLP(sizes: sizes, activation: network.activation, generator: &generator)
    var networks = HelmholtzNetworks(hamiltonian: h, dissipation: d)
    try Trainer(settings: training, method: methodName, progress: progress).train(
      &networks, batches: .points(x.rows, batchSize: training.batchSize), phase: "training",
      generator: &generator
    ) { networks, batch in
      let xb = x.gatheringRows(batch)
      let tb = dx.gatheringRows(batch)
      return valueWithGradient(at: networks) { networks in (networks.field(xb) - tb).squared().sum() }
    }
    return DissipativeHamiltonianModel(networks: networks, settings: training.archived)
  }
}
