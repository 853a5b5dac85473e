import NoetherCore
import NoetherLearning
import NoetherNN
import _Differentiation

/// Learns m conserved quantities g: Rⁿ → Rᵐ from trajectories by contrastive learning
/// with the Square Ratio Loss (ConCerNet step 1): batches of whole trajectories,
/// shuffled, Adam (reference: 10 trajectories per batch, lr 1e-3, 1000 epochs).
public struct ContrastiveInvariantLearner: InvariantLearner, Sendable {
  public var invariantCount: Int
  public var network: NetworkSettings
  /// `batchSize` counts trajectories here.
  public var training: TrainingSettings
  public var progress: ProgressHandler?

  public init(
    invariantCount: Int = 1, network: NetworkSettings = NetworkSettings(),
    training: TrainingSettings = TrainingSettings(batchSize: 10), progress: ProgressHandler? = nil
  ) {
    self.invariantCount = invariantCount
    self.network = network
    self.training = training
    self.progress = progress
  }

  /// Fits g to the training trajectories of `data`.
  /// - Throws: `NoetherError.invalidParameter` with fewer than 2 training trajectories
  ///   or points; `NoetherError.trainingDiverged`.
  public func learnInvariants(from data: TrajectorySet) throws -> NetworkInvariant {
    let train = data.training
    guard train.trajectoryCount >= 2, train.pointCount >= 2 else {
      throw NoetherError.invalidParameter(
        name: "training data", value: "\(train.trajectoryCount) trajectories × \(train.pointCount) points",
        requirement: "contrastive learning needs at least 2 trajectories of at least 2 points")
    }
    guard invariantCount >= 1 else {
      throw NoetherError.invalidParameter(
        name: "invariant count", value: "\(invariantCount)", requirement: "must be at least 1")
    }
    let x = Matrix(
      rows: train.trajectoryCount * train.pointCount, columns: train.dimension, scalars: train.states)
    var generator = SeededGenerator(seed: training.seed &+ 1)
    var g = MLP(
      sizes: network.sizes(inputs: train.dimension, outputs: invariantCount), activation: network.activation,
      generator: &generator)
    let length = train.pointCount
    try Trainer(settings: training, method: "concernet", progress: progress).train(
      &g, batches: .trajectories(train.trajectoryCount, length: length, perBatch: training.batchSize),
      phase: "contrastive", generator: &generator
    ) { g, batch in
      let xb = x.gatheringRows(batch)
      return valueWithGradient(at: g) { g in g(xb).squareRatioLoss(trajectoryLength: length) }
    }
    return NetworkInvariant(g)
  }
}
