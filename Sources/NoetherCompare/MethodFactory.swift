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

  var network: NetworkSettings {
    NetworkSettings(hidden: experiment.settings.hidden, activation: experiment.activation)
  }
  var dynamics: DynamicsNetworkTraining {
    DynamicsNetworkTraining(
      network: network, training: TrainingSettings(epochs: experiment.settings.epochs, seed: seed))
  }
  var contrastive: ContrastiveInvariantLearner {
    ContrastiveInvariantLearner(
      invariantCount: experiment.settings.invariantCount, network: network,
      training: TrainingSettings(epochs: experiment.settings.contrastiveEpochs, batchSize: 10, seed: seed),
      progress: progress)
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
  func fit(_ method: MethodKind, _ data: TrajectorySet, shared: NetworkInvariant?) throws -> TrainedModel {
    if experiment.usesLatentSpace { return try fitLatent(method, data) }
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

  private func fitLatent(_ method: MethodKind, _ data: TrajectorySet) throws -> TrainedModel {
    let model: LatentDynamicsModel<NeuralDynamicsModel>
    switch method {
    case .baseline:
      model = try LatentLearner(
        BaselineLearner(training: dynamics), autoencoder: autoencoder, progress: progress
      ).fit(data)
    case .concernet:
      model = try LatentLearner(
        ConCerNetLearner(invariants: contrastive, dynamics: dynamics), autoencoder: autoencoder,
        progress: progress
      ).fit(data)
    case .soft:
      model = try LatentLearner(
        SoftPenaltyLearner(
          invariants: .learned(contrastive), weight: experiment.settings.softPenaltyWeight, dynamics: dynamics
        ),
        autoencoder: autoencoder, progress: progress
      ).fit(data)
    case .hnn, .sindy:
      throw NoetherError.notApplicable(
        method: method.rawValue, reason: inapplicability(method) ?? "latent space")
    }
    guard let g = model.latent.invariant else { return TrainedModel(model: model, learnedInvariant: nil) }
    let encoder = model.autoencoder.encoder
    return TrainedModel(
      model: model,
      learnedInvariant: { states in
        let z = encoder(Matrix(rows: states.count, columns: states.dimension, scalars: states.values))
        return (
          g.values(at: StateBatch(count: states.count, dimension: z.columns, values: z.scalars)),
          g.invariantCount
        )
      })
  }

  static func features(_ g: some InvariantFunction)
    -> @Sendable (StateBatch) -> (values: [Double], count: Int)
  {
    { states in (g.values(at: states), g.invariantCount) }
  }
}
