import NoetherCore
import NoetherNN
import _Differentiation

/// An autoencoder x ↦ E(x) ∈ Rᵏ ↦ D(E(x)) ≈ x, for learning the dynamics of
/// high-dimensional systems in a small latent space (the ConCerNet paper's heat
/// equation: 101 → 32 → 16 → 9 and back, tanh).
public struct Autoencoder: Differentiable, Sendable {
  public var encoder: MLP
  public var decoder: MLP

  /// - Parameters:
  ///   - sizes: encoder widths, input first (`[101, 32, 16, 9]`); the decoder mirrors them.
  ///   - activation: the hidden layers' activation.
  ///   - generator: draws the initial weights (seeded).
  public init(sizes: [Int], activation: Activation = .tanh, generator: inout SeededGenerator) {
    encoder = MLP(sizes: sizes, activation: activation, generator: &generator)
    decoder = MLP(sizes: sizes.reversed(), activation: activation, generator: &generator)
  }

  public init(encoder: MLP, decoder: MLP) {
    precondition(
      encoder.outputCount == decoder.inputCount && decoder.outputCount == encoder.inputCount,
      "Autoencoder: shapes do not chain")
    self.encoder = encoder
    self.decoder = decoder
  }

  /// k, the latent dimension.
  public var latentDimension: Int { encoder.outputCount }

  /// D(E(x)) for each row.
  @differentiable(reverse)
  public func reconstruct(_ x: Matrix) -> Matrix { decoder(encoder(x)) }

  /// The latent trajectories of `set`: z = E(x) and, by the chain rule,
  /// ż = (∂E/∂x)·ẋ (a Jacobian-vector product per point).
  public func encode(_ set: TrajectorySet) throws -> TrajectorySet {
    let n = set.totalPointCount
    let x = Matrix(rows: n, columns: set.dimension, scalars: set.states)
    let dx = Matrix(rows: n, columns: set.dimension, scalars: set.derivatives)
    return try set.withValues(
      states: encoder(x).scalars, derivatives: encoder.jacobianVectorProduct(at: x, direction: dx).scalars,
      dimension: latentDimension)
  }
}

extension Autoencoder: Trainable {
  public var parameters: [Matrix] {
    get { encoder.parameters + decoder.parameters }
    set {
      let k = encoder.parameters.count
      encoder.parameters = Array(newValue[0..<k])
      decoder.parameters = Array(newValue[k...])
    }
  }

  public func parameterGradients(of gradient: TangentVector) -> [Matrix] {
    encoder.parameterGradients(of: gradient.encoder) + decoder.parameterGradients(of: gradient.decoder)
  }
}

/// Trains an autoencoder on the training states: mean squared reconstruction error,
/// Adam, shuffled batches of points.
public struct AutoencoderTraining: Sendable {
  /// Encoder widths after the input (`[32, 16, 9]`).
  public var widths: [Int]
  public var activation: Activation
  public var training: TrainingSettings

  public init(
    widths: [Int] = [32, 16, 9], activation: Activation = .tanh,
    training: TrainingSettings = TrainingSettings(epochs: 300, batchSize: 100)
  ) {
    self.widths = widths
    self.activation = activation
    self.training = training
  }

  public func fit(_ data: TrajectorySet, progress: ProgressHandler? = nil) throws -> Autoencoder {
    let train = data.training
    let x = Matrix(
      rows: train.totalPointCount, columns: train.dimension, scalars: train.states)
    var generator = SeededGenerator(seed: training.seed &+ 3)
    var model = Autoencoder(sizes: [train.dimension] + widths, activation: activation, generator: &generator)
    try Trainer(settings: training, method: "autoencoder", progress: progress).train(
      &model, batches: .points(x.rows, batchSize: training.batchSize), phase: "reconstruction",
      generator: &generator
    ) { model, batch in
      let xb = x.gatheringRows(batch)
      return valueWithGradient(at: model) { m in (m.reconstruct(xb) - xb).squared().mean() }
    }
    return model
  }
}
