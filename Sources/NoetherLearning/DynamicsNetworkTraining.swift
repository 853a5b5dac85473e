import NoetherCore
import NoetherNN
import _Differentiation

/// Fits a dynamics network h to (x, ẋ) pairs with the reference loss, the sum of
/// squared errors over a batch, optionally through a constraint (a projection, a
/// penalty, or a user's ``TrainableConstraint``).
public struct DynamicsNetworkTraining: Sendable {
  public var network: NetworkSettings
  public var training: TrainingSettings

  public init(network: NetworkSettings = NetworkSettings(), training: TrainingSettings = TrainingSettings()) {
    self.network = network
    self.training = training
  }

  /// Trains h on every point of `data`'s training split: the loss of a batch is
  /// Σ‖f̃(x) − ẋ‖² + penalty(h(x)), with f̃ = h without a constraint.
  /// - Parameters:
  ///   - data: the trajectories; their training split is used.
  ///   - method: the method's name, for errors and progress.
  ///   - constraint: what h trains through (fixed at the training points before training); nil for none.
  ///   - progress: told the epochs done, if given.
  /// - Throws: `NoetherError.trainingDiverged`, or what the constraint throws.
  public func fit(
    _ data: TrajectorySet, method: String, constraint: (any TrainableConstraint)? = nil,
    progress: ProgressHandler? = nil
  ) throws -> MLP {
    let train = data.training
    let n = train.dimension
    let fixed = try constraint?.training(at: train.allStates)
    let x = Matrix(rows: train.totalPointCount, columns: n, scalars: train.states)
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
      guard let cb = fixed?.batch(batch) else {
        return valueWithGradient(at: m) { m -> Double in (m(xb) - tb).squared().sum() }
      }
      return valueWithGradient(at: m) { m -> Double in
        let h = m(xb)
        let loss = (h.constrained(by: cb) - tb).squared().sum()
        return loss + h.penalty(of: cb)
      }
    }
    return model
  }
}

/// The soft conservation penalty λ·(1/m) Σₖ mean over points of (∇Hₖ(x)·f(x))², with the
/// invariant gradients at the training points fixed in advance (``SoftPenalty``'s form
/// during training).
public struct ConservationPenalty: BatchConstraint {
  /// λ.
  public let weight: Double
  /// One N × n matrix of gradients per invariant, rows in training-point order.
  public let gradients: [Matrix]
  /// For balance laws, one N × 1 column of sources sₖ per law (the penalty is then on
  /// ∇Cₖ·f − sₖ); empty for conservation laws.
  public let sources: [Matrix]

  public init(weight: Double, gradients: [Matrix], sources: [Matrix] = []) {
    self.weight = weight
    self.gradients = gradients
    self.sources = sources
  }

  /// The penalty restricted to the points at `indices`.
  public func selecting(_ indices: [Int]) -> ConservationPenalty {
    ConservationPenalty(
      weight: weight, gradients: gradients.map { $0.gatheringRows(indices) },
      sources: sources.map { $0.gatheringRows(indices) })
  }

  public func batch(_ indices: [Int]) -> any BatchConstraint { selecting(indices) }

  public func penalty(_ f: Matrix) -> (value: Double, gradient: Matrix)? {
    valueWithGradient(at: f) { f in value(f) }
  }

  /// The penalty for a predicted field f (rows matching `gradients`).
  @differentiable(reverse,wrt: f)
  public func value(_ f: Matrix) -> Double {
    var total = 0.0
    for k in 0..<withoutDerivative(at: gradients.count) {
      let rate = (f * gradients[k]).rowSums()
      total = total + (sources.isEmpty ? rate : rate - sources[k]).squared().mean()
    }
    return weight * total / Double(withoutDerivative(at: gradients.count))
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
