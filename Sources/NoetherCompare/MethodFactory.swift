import ConCerNet
import HNN
import NoetherCore
import NoetherLearning
import NoetherNN
import PINN
import SINDy

/// A trained model with the learned invariants it carries, if any.
struct TrainedModel {
  let model: any DynamicsModel
  /// The learned invariant(s) as features of a state batch, for R².
  let learnedInvariant: (@Sendable (StateBatch) -> (values: [Double], count: Int))?
}

/// Builds and fits each method with the experiment's settings.
struct MethodFactory: Sendable {
  let experiment: Experiment
  let seed: UInt64
  let progress: ProgressHandler?
  /// True while fitting a latent-space method's inner model on already encoded data.
  var fitsEncodedData = false

  var network: NetworkSettings {
    NetworkSettings(hidden: experiment.settings.hidden, activation: experiment.activation)
  }
  /// Dynamics training: `epochs` with batches of 100 points, or in latent space the
  /// reference's `latentEpochs` with batches of `latentBatchSize`.
  var dynamics: DynamicsNetworkTraining {
    let settings = experiment.settings
    let training =
      experiment.usesLatentSpace
      ? TrainingSettings(
        epochs: settings.latentEpochs, batchSize: settings.latentBatchSize,
        finalLearningRateFactor: settings.finalLearningRateFactor, seed: seed)
      : TrainingSettings(
        epochs: settings.epochs, finalLearningRateFactor: settings.finalLearningRateFactor, seed: seed)
    return DynamicsNetworkTraining(network: network, training: training)
  }
  var contrastive: ContrastiveInvariantLearner {
    var learner = ContrastiveInvariantLearner(
      invariantCount: experiment.settings.invariantCount, network: network,
      training: TrainingSettings(epochs: experiment.settings.contrastiveEpochs, batchSize: 10, seed: seed),
      progress: progress)
    learner.independenceWeight = experiment.settings.invariantIndependence
    return learner
  }
  var autoencoder: AutoencoderTraining {
    AutoencoderTraining(training: TrainingSettings(epochs: experiment.settings.autoencoderEpochs, seed: seed))
  }

  /// Why `method` cannot run on this system, or nil.
  func inapplicability(_ method: MethodKind) -> String? {
    let n = experiment.system.dimension
    switch method {
    case .hnn where n % 2 != 0:
      return
        "an HNN needs canonical coordinates (q, p), an even dimension; \(experiment.system.name) has dimension \(n)"
    case .hnn where experiment.usesLatentSpace:
      return "an HNN needs canonical coordinates, which an autoencoder's latent space does not give"
    case .sindy where experiment.usesLatentSpace:
      return
        "a degree-\(experiment.settings.sindyDegree) polynomial library in \(n) dimensions is too large to regress"
    default:
      return nil
    }
  }

  /// Fits `method`; `shared` is ConCerNet's learned invariant, reused by the soft penalty.
  /// In latent space, `autoencoder` (trained once per seed and shared by the methods)
  /// encodes the data, `shared` lives in its latent space, and the model decodes.
  func fit(
    _ method: MethodKind, _ data: TrajectorySet, shared: NetworkInvariant?, autoencoder: Autoencoder? = nil
  ) throws -> TrainedModel {
    if experiment.usesLatentSpace && !fitsEncodedData {
      let ae = try autoencoder ?? self.autoencoder.fit(data, progress: progress)
      return try fitLatent(method, ae.encode(data), autoencoder: ae, shared: shared)
    }
    switch method {
    case .baseline:
      return TrainedModel(
        model: try BaselineLearner(training: dynamics, progress: progress).fit(data), learnedInvariant: nil)
    case .concernet:
      let g = try shared ?? contrastive.learnInvariants(from: data)
      let model = try ConCerNetLearner(invariants: contrastive, dynamics: dynamics, progress: progress).fit(
        data, invariant: g)
      return TrainedModel(model: model, learnedInvariant: Self.features(g))
    case .soft:
      let g = try shared ?? contrastive.learnInvariants(from: data)
      let learner = SoftPenaltyLearner(
        invariants: .given(g), weight: experiment.settings.softPenaltyWeight, dynamics: dynamics,
        progress: progress)
      return TrainedModel(model: try learner.fit(data), learnedInvariant: Self.features(g))
    case .hnn:
      let model = try HamiltonianLearner(network: network, training: dynamics.training, progress: progress)
        .fit(data)
      return TrainedModel(model: model, learnedInvariant: Self.features(model.hamiltonian))
    case .sindy:
      let model = try SINDyLearner(
        library: PolynomialLibrary(degree: experiment.settings.sindyDegree),
        stateNames: experiment.system.stateNames
      ).fit(data)
      return TrainedModel(model: model, learnedInvariant: nil)
    }
  }

  /// Fits a network method on encoded data and wraps it so that it encodes, integrates
  /// in latent space and decodes; its learned invariant is read through the encoder.
  private func fitLatent(
    _ method: MethodKind, _ latentData: TrajectorySet, autoencoder: Autoencoder, shared: NetworkInvariant?
  ) throws -> TrainedModel {
    if let reason = inapplicability(method) {
      throw NoetherError.notApplicable(method: method.rawValue, reason: reason)
    }
    var direct = self
    direct.fitsEncodedData = true
    let inner = try direct.fit(method, latentData, shared: shared)
    guard let network = inner.model as? NeuralDynamicsModel else {
      throw NoetherError.notApplicable(
        method: method.rawValue, reason: "latent space takes network methods only")
    }
    let model = LatentDynamicsModel(autoencoder: autoencoder, latent: network)
    guard let features = inner.learnedInvariant else {
      return TrainedModel(model: model, learnedInvariant: nil)
    }
    let encoder = autoencoder.encoder
    return TrainedModel(
      model: model,
      learnedInvariant: { states in
        let z = encoder(Matrix(rows: states.count, columns: states.dimension, scalars: states.values))
        return features(StateBatch(count: states.count, dimension: z.columns, values: z.scalars))
      })
  }

  static func features(_ g: some InvariantFunction)
    -> @Sendable (StateBatch) -> (values: [Double], count: Int)
  {
    { states in (g.values(at: states), g.invariantCount) }
  }
}
