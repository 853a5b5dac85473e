import NoetherCore
import NoetherLearning
import NoetherNN
import _Differentiation

/// Learns m conserved quantities g: Rⁿ → Rᵐ from trajectories by contrastive learning
/// with the Square Ratio Loss (ConCerNet step 1): batches of whole trajectories,
/// shuffled, Adam (reference: 10 trajectories per batch, lr 1e-3, 1000 epochs).
///
/// With m > 1 the reference trains one network with m outputs, which tend to learn the
/// same quantity m times (the paper's §5.2: "the two outputs are likely to be linear to
/// each other"), and the projection then removes a meaningless direction. With
/// `independenceWeight` λ > 0 the invariants are instead learned one after another,
/// each a scalar network gₖ trained on the Square Ratio Loss plus λ times the mean
/// squared cosine between ∇gₖ and each earlier ∇gⱼ at every fourth point of the batch
/// (`meanSquaredCosine`), so that it must separate the trajectories along a direction
/// the earlier ones do not; g₁ is exactly the single-invariant network. The m networks
/// are then stacked into one (`NetworkInvariant(stacking:)`).
public struct ContrastiveInvariantLearner: InvariantLearner, Sendable {
  public var invariantCount: Int
  /// λ, the weight of the gradient-alignment penalty when invariants are learned one
  /// after another; 0 (the reference) trains one network with m outputs.
  public var independenceWeight: Double = 0
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
  ///   or points, or trajectories of different lengths (the Square Ratio Loss compares
  ///   batches of whole trajectories of one length); `NoetherError.trainingDiverged`.
  public func learnInvariants(from data: TrajectorySet) throws -> NetworkInvariant {
    let train = data.training
    guard train.trajectoryCount >= 2, train.pointCount >= 2 else {
      throw NoetherError.invalidParameter(
        name: "training data", value: "\(train.trajectoryCount) trajectories × \(train.pointCount) points",
        requirement: "contrastive learning needs at least 2 trajectories of at least 2 points")
    }
    guard train.layout.commonLength != nil else {
      throw NoetherError.invalidParameter(
        name: "training data",
        value: "trajectories of \(train.layout.shortestLength) to \(train.layout.longestLength) points",
        requirement:
          "contrastive learning compares whole trajectories of one length; import the record with --gaps cut (pieces of one length) or choose another method"
      )
    }
    guard invariantCount >= 1 else {
      throw NoetherError.invalidParameter(
        name: "invariant count", value: "\(invariantCount)", requirement: "must be at least 1")
    }
    let x = Matrix(rows: train.totalPointCount, columns: train.dimension, scalars: train.states)
    var generator = SeededGenerator(seed: training.seed &+ 1)
    guard invariantCount > 1, independenceWeight > 0 else {
      return NetworkInvariant(
        try learnNetwork(outputs: invariantCount, x: x, data: train, earlier: [], generator: &generator))
    }
    var networks = [MLP]()
    var earlier = [Matrix]()  // unit ∇gⱼ at every training point, per earlier invariant
    for _ in 0..<invariantCount {
      let g = try learnNetwork(outputs: 1, x: x, data: train, earlier: earlier, generator: &generator)
      networks.append(g)
      // For one invariant the projection basis is its unit gradient at each point.
      let unit = ProjectionBasis(NetworkInvariant(g), at: train.allStates)
      earlier.append(Matrix(rows: x.rows, columns: x.columns, scalars: unit.vectors))
    }
    return NetworkInvariant(stacking: networks)
  }

  /// The alignment penalty is evaluated at every `penaltyStride`-th point of a batch.
  static let penaltyStride = 4

  /// One network trained on the Square Ratio Loss, plus λ · meanSquaredCosine to each
  /// of the `earlier` unit gradients (rows in training-point order) at every
  /// `penaltyStride`-th point of the batch.
  private func learnNetwork(
    outputs: Int, x: Matrix, data train: TrajectorySet, earlier: [Matrix], generator: inout SeededGenerator
  ) throws -> MLP {
    var g = MLP(
      sizes: network.sizes(inputs: train.dimension, outputs: outputs), activation: network.activation,
      generator: &generator)
    let length = train.pointCount
    let weight = independenceWeight
    try Trainer(settings: training, method: "concernet", progress: progress).train(
      &g, batches: .trajectories(train.trajectoryCount, length: length, perBatch: training.batchSize),
      phase: earlier.isEmpty ? "contrastive" : "contrastive \(earlier.count + 1)", generator: &generator
    ) { g, batch in
      let xb = x.gatheringRows(batch)
      guard !earlier.isEmpty else {
        return valueWithGradient(at: g) { g in g(xb).squareRatioLoss(trajectoryLength: length) }
      }
      // The penalty at every fourth point of the batch: the double backpropagation
      // through ∇g costs several forward passes, and neighbouring points agree.
      let sampled = Array(stride(from: 0, to: batch.count, by: Self.penaltyStride).map { batch[$0] })
      let xs = x.gatheringRows(sampled)
      let directions = earlier.map { $0.gatheringRows(sampled) }
      return valueWithGradient(at: g) { g -> Double in
        let gradient = g.inputGradient(at: xs)
        var loss = g(xb).squareRatioLoss(trajectoryLength: length)
        for u in withoutDerivative(at: directions) {
          loss = loss + weight * gradient.meanSquaredCosine(to: u)
        }
        return loss
      }
    }
    return g
  }
}
