import NoetherCore
import NoetherLearning
import NoetherNN

/// The options that several methods share, as the command line gives them (like
/// DataDrivenDiffEq's common options); each registered method maps them onto its own
/// settings, and leaves alone what it does not use. nil means "the method's default".
public struct MethodOptions: Sendable, Equatable {
  /// Hidden widths of every network.
  public var hidden: [Int] = [100, 100]
  /// The hidden activation; nil: the system's (`DynamicalSystem.preferredActivation`).
  public var activation: Activation? = nil
  /// Epochs of every network (dynamics, invariants, autoencoder); nil: each method's own
  /// (the reference's 1000; 200 for the autoencoder and latent dynamics).
  public var epochs: Int? = nil
  /// The learning-rate factor of the dynamics networks' last quarter of epochs (1: constant).
  public var finalLearningRateFactor: Double = 1
  /// m, the number of invariants a method that learns invariants learns.
  public var invariantCount: Int = 1
  /// With m > 1: λ of the independence penalty (0: one network with m outputs).
  public var invariantIndependence: Double = 0
  /// A feature library spec for methods that regress on one (SINDy); nil: the method's default.
  public var library: String? = nil
  /// SINDy's sparsity threshold (STLSQ: coefficients below it are cut); nil: 0.1.
  public var sindyThreshold: Double? = nil
  /// SINDy's ridge penalty; nil: 0.05.
  public var sindyRidge: Double? = nil
  /// The feature library spec conservation laws are discovered on (`concernet-exact`);
  /// nil: the system's.
  public var discoveryLibrary: String? = nil
  /// The source library of balance laws dC/dt = s discovered with the conservation laws
  /// (`--sources`); nil: conservation laws only.
  public var discoverySources: String? = nil
  /// Which invariants a method that enforces exact ones uses: `discovered`, `known`, or
  /// the path of an invariants file; nil: the method's default (discovered).
  public var enforce: String? = nil
  /// Run the HNN on a system that declares no canonical pairs, taking the first half of
  /// the state as q and the second as p.
  public var assumeCanonical = false
  /// When and how systems are learned in an autoencoder's latent space.
  public var latentSpace = LatentSpaceOptions()

  public init() {}

  /// The network shape for `problem`.
  public func network(for problem: MethodProblem) -> NetworkSettings {
    NetworkSettings(hidden: hidden, activation: activation ?? problem.system.preferredActivation)
  }

  /// Dynamics-network training for `problem`: `epochs` (default 1000) on batches of 100,
  /// or in latent space the latent epochs and batch size; the seed is set at fit time.
  public func dynamicsTraining(for problem: MethodProblem) -> DynamicsNetworkTraining {
    let training =
      problem.isLatentSpace
      ? TrainingSettings(
        epochs: epochs ?? latentSpace.epochs, batchSize: latentSpace.batchSize,
        finalLearningRateFactor: finalLearningRateFactor)
      : TrainingSettings(epochs: epochs ?? 1000, finalLearningRateFactor: finalLearningRateFactor)
    return DynamicsNetworkTraining(network: network(for: problem), training: training)
  }
}
