import NoetherCore
import NoetherNN

/// A model that can be rebuilt from its archive.
public protocol ArchivableModel: DynamicsModel {
  init(archive: ModelArchive) throws
}

extension NeuralDynamicsModel: ArchivableModel {}

/// Dynamics learned in an autoencoder's latent space: roll out by encoding the
/// initial state, integrating the latent model, and decoding every point.
public struct LatentDynamicsModel<Latent: VectorFieldModel & ArchivableModel>: DynamicsModel {
  public let autoencoder: Autoencoder
  public let latent: Latent
  /// State invariants the latent dynamics keep (read through the decoder); the encoded
  /// initial state is then first pulled onto their values at the true initial state, so
  /// the decoded rollout starts with them exact instead of off by the reconstruction
  /// error. Nil: the encoded state as it is.
  public let anchored: (any InvariantFunction)?

  public init(autoencoder: Autoencoder, latent: Latent, anchored: (any InvariantFunction)? = nil) {
    self.autoencoder = autoencoder
    self.latent = latent
    self.anchored = anchored
  }

  public var dimension: Int { autoencoder.encoder.inputCount }
  public var methodName: String { latent.methodName }

  public func rollout(from initial: StateBatch, at times: [Double], integrator: any Integrator) -> Solution {
    let z0 = autoencoder.encoder(
      Matrix(rows: initial.count, columns: initial.dimension, scalars: initial.values))
    var start = StateBatch(count: initial.count, dimension: z0.columns, values: z0.scalars)
    if let anchored {
      start =
        ManifoldProjection(
          Self.decoded(anchored, autoencoder.decoder), maximumIterations: 20, tolerance: 1e-12
        ).project(
          start, onto: anchored.values(at: initial)) ?? start
    }
    var solution = integrator.integrate(latent, from: start, at: times)
    let z = Matrix(rows: initial.count * times.count, columns: z0.columns, scalars: solution.states)
    solution.states = autoencoder.decoder(z).scalars
    return solution.reshaped(dimension: dimension)
  }

  private static func decoded(_ state: some InvariantFunction, _ decoder: MLP) -> any InvariantFunction {
    DecodedInvariant(decoder: decoder, state: state)
  }

  public func archive() -> ModelArchive {
    var archive = latent.archive()
    let e = autoencoder.encoder.archived(as: "encoder")
    let d = autoencoder.decoder.archived(as: "decoder")
    archive.settings.merge(e.settings) { $1 }
    archive.settings.merge(d.settings) { $1 }
    archive.arrays.merge(e.arrays) { $1 }
    archive.arrays.merge(d.arrays) { $1 }
    archive.settings["latent"] = "autoencoder"
    return archive
  }

  public init(archive: ModelArchive) throws {
    self.init(
      autoencoder: Autoencoder(
        encoder: try MLP(archive: archive, prefix: "encoder"),
        decoder: try MLP(archive: archive, prefix: "decoder")),
      latent: try Latent(archive: archive))
  }
}

/// Wraps a learner so that it runs in an autoencoder's latent space: train the
/// autoencoder on the states, encode the data (ż = (∂E/∂x)·ẋ), fit the inner method.
public struct LatentLearner<Inner: DynamicsLearner & Sendable>: DynamicsLearner, Sendable
where Inner.Model: VectorFieldModel & ArchivableModel {
  public var inner: Inner
  public var autoencoder: AutoencoderTraining
  public var progress: ProgressHandler?

  public init(
    _ inner: Inner, autoencoder: AutoencoderTraining = AutoencoderTraining(), progress: ProgressHandler? = nil
  ) {
    self.inner = inner
    self.autoencoder = autoencoder
    self.progress = progress
  }

  public var methodName: String { inner.methodName }

  public func fit(_ data: TrajectorySet) throws -> LatentDynamicsModel<Inner.Model> {
    let ae = try autoencoder.fit(data, progress: progress)
    let latentData = try ae.encode(data)
    return LatentDynamicsModel(autoencoder: ae, latent: try inner.fit(latentData))
  }
}

extension Solution {
  /// The same solution with states re-laid for another dimension (after decoding).
  func reshaped(dimension newDimension: Int) -> Solution {
    var copy = Solution(times: times, count: count, dimension: newDimension)
    copy.states = states
    copy.status = status
    copy.steps = steps
    copy.evaluations = evaluations
    return copy
  }
}
