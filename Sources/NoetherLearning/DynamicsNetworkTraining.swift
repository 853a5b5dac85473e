import NoetherCore
import NoetherNN
import _Differentiation

/// Fits a dynamics network h to (x, ẋ) pairs with the reference loss, the sum of
/// squared errors over a batch, optionally through a projection and with a penalty.
public struct DynamicsNetworkTraining: Sendable {
  public var network: NetworkSettings
  public var training: TrainingSettings

  public init(network: NetworkSettings = NetworkSettings(), training: TrainingSettings = TrainingSettings()) {
    self.network = network
    self.training = training
  }

  /// Trains h on every point of `data`'s training split.
  /// - Parameters:
  ///   - basis: per training point, the projection basis (ConCerNet); nil for none.
  ///   - penalty: per batch of point indices, a differentiable penalty on the batch's
  ///     predicted field f (the soft constraint); nil for none.
  /// - Throws: `NoetherError.trainingDiverged`.
  public func fit(
    _ data: TrajectorySet, method: String, basis: ProjectionBasis? = nil,
    penalty: (([Int]) -> @differentiable(reverse) (Matrix) -> Double)? = nil,
    progress: ProgressHandler? = nil
  ) throws -> MLP {
    let train = data.training
    let n = train.dimension
    let x = Matrix(rows: train.trajectoryCount * train.pointCount, columns: n, scalars: train.states)
    let dx = Matrix(rows: x.rows, columns: n, scalars: train.derivatives)
    var generator = SeededGenerator(seed: training.seed)
    var model = MLP(
      sizes: network.sizes(inputs: n, outputs: n), activation: network.activation, generator: &generator)
    let trainer = Trainer(settings: training, method: method, progress: progress)
    try trainer.train(
      &model, batches: .points(x.rows, batchSize: training.batchSize), phase: "dynamics",
      generator: &generator
    ) { m, batch in
      let xb = x.gatheringRows(batch)
      let tb = dx.gatheringRows(batch)
      let bb = basis?.selecting(batch)
      let pb = penalty?(batch)
      return valueWithGradient(at: m) { m -> Double in
        var f = m(xb)
        if let bb { f = f.projected(onto: bb) }
        let loss = (f - tb).squared().sum()
        if let pb { return loss + pb(f) }
        return loss
      }
    }
    return model
  }
}

/// The plain neural-network baseline: h fitted to (x, ẋ) with no constraint.
public struct BaselineLearner: DynamicsLearner, Sendable {
  public var methodName: String { "baseline" }
  public var training: DynamicsNetworkTraining
  public var progress: ProgressHandler?

  public init(training: DynamicsNetworkTraining = DynamicsNetworkTraining(), progress: ProgressHandler? = nil)
  {
    self.training = training
    self.progress = progress
  }

  public func fit(_ data: TrajectorySet) throws -> NeuralDynamicsModel {
    let h = try training.fit(data, method: methodName, progress: progress)
    return NeuralDynamicsModel(methodName: methodName, network: h, settings: training.training.archived)
  }
}
