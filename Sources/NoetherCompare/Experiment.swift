import NoetherCore
import NoetherLearning
import NoetherNN

/// The methods a comparison can run.
public enum MethodKind: String, CaseIterable, Sendable {
  case baseline, concernet, soft, hnn, sindy
}

/// Method settings for a comparison; the defaults are the reference protocol's.
public struct ComparisonSettings: Sendable, Equatable {
  /// Epochs of every dynamics network (baseline, ConCerNet, soft, HNN).
  public var epochs: Int = 1000
  /// Epochs of contrastive invariant learning.
  public var contrastiveEpochs: Int = 1000
  /// Epochs of the autoencoder for high-dimensional systems (the reference's 200, batches of 100).
  public var autoencoderEpochs: Int = 200
  /// Epochs and batch size of the dynamics networks in latent space (the reference's heat
  /// equation script: 200 epochs, batches of 20).
  public var latentEpochs: Int = 200
  public var latentBatchSize: Int = 20
  /// m, the number of invariants ConCerNet and the soft penalty learn (the reference learns one).
  public var invariantCount: Int = 1
  /// With m > 1: 0 trains one network with m outputs (the reference); λ > 0 learns the
  /// invariants one after another, each kept from aligning its gradient with the earlier
  /// ones by λ · mean squared cosine (`ContrastiveInvariantLearner.independenceWeight`).
  public var invariantIndependence: Double = 0
  /// The learning-rate factor of the dynamics networks' last quarter of epochs (baseline,
  /// ConCerNet, soft, HNN; 1: constant, the reference's; `TrainingSettings`).
  public var finalLearningRateFactor: Double = 1
  /// Hidden widths of every network.
  public var hidden: [Int] = [100, 100]
  /// The hidden activation; nil: ReLU for chemical kinetics, tanh otherwise (the reference's choice).
  public var activation: Activation? = nil
  /// λ of the soft penalty.
  public var softPenaltyWeight: Double = 1
  /// Degree of SINDy's polynomial library.
  public var sindyDegree: Int = 2
  /// Systems of higher dimension are learned in an autoencoder's latent space.
  public var latentAbove: Int = 20
  /// Adaptive steps a model's evaluation rollout may take (all 10 trajectories share
  /// them); a model that needs more is stiff or blowing up, and its run is reported as
  /// failed instead of running for hours. The true system's rollout is not limited.
  public var rolloutStepBudget: Int = 100_000
  /// Run methods on both cores.
  public var parallel: Bool = true

  public init() {}
}

/// A comparison to run: a system, its protocol, the methods, and how many seeds.
public struct Experiment: Sendable {
  public var system: any DynamicalSystem
  public var protocolSettings: ReferenceProtocol
  public var methods: [MethodKind]
  /// Seeds used: protocol seed, +1, … (`seedCount` of them).
  public var seedCount: Int
  public var settings: ComparisonSettings
  /// Training data to use instead of generating it (the same for every seed).
  public var data: TrajectoryDataset?

  public init(
    system: any DynamicalSystem, protocolSettings: ReferenceProtocol? = nil,
    methods: [MethodKind] = MethodKind.allCases,
    seedCount: Int = 1, settings: ComparisonSettings = ComparisonSettings(), data: TrajectoryDataset? = nil
  ) {
    self.system = system
    self.protocolSettings = protocolSettings ?? system.referenceProtocol
    self.methods = methods
    self.seedCount = seedCount
    self.settings = settings
    self.data = data
  }

  /// The activation used for this system.
  public var activation: Activation {
    settings.activation ?? (system.name == "chemical-kinetics" ? .relu : .tanh)
  }

  /// True when the system is learned in an autoencoder's latent space.
  public var usesLatentSpace: Bool { system.dimension > settings.latentAbove }

  /// The seeds, in order.
  public var seeds: [UInt64] { (0..<UInt64(max(seedCount, 1))).map { protocolSettings.seed &+ $0 } }

  /// Checks sizes and data before anything runs.
  /// - Throws: `NoetherError` naming the problem.
  public func validate() throws {
    guard seedCount >= 1 else {
      throw NoetherError.invalidParameter(
        name: "seeds", value: "\(seedCount)", requirement: "must be at least 1")
    }
    guard !methods.isEmpty else {
      throw NoetherError.invalidParameter(
        name: "methods", value: "none", requirement: "name at least one method")
    }
    let space = usesLatentSpace ? (AutoencoderTraining().widths.last ?? 1) : system.dimension
    guard settings.invariantCount >= 1, settings.invariantCount < space else {
      throw NoetherError.invalidParameter(
        name: "invariant count", value: "\(settings.invariantCount)",
        requirement:
          "must be between 1 and \(space - 1): projecting out m gradients of a \(space)-dimensional field leaves \(space) − m directions"
      )
    }
    if let data {
      guard data.trajectories.dimension == system.dimension else {
        throw NoetherError.dimensionMismatch(
          what: "the data file", expected: system.dimension, actual: data.trajectories.dimension,
          system: system.name)
      }
      guard data.trajectories.states.allSatisfy(\.isFinite),
        data.trajectories.derivatives.allSatisfy(\.isFinite)
      else {
        throw NoetherError.nonFiniteValues(what: "the data file")
      }
      guard !data.trajectories.indices(in: .train).isEmpty, !data.trajectories.indices(in: .test).isEmpty
      else {
        throw NoetherError.invalidParameter(
          name: "data split", value: "", requirement: "needs both training and test trajectories")
      }
    }
  }
}
