import NoetherCore

/// Systems of dimension above `threshold` are learned in an autoencoder's latent space
/// (the reference's heat equation: autoencoder 200 epochs; latent dynamics 200 epochs on
/// batches of 20).
public struct LatentSpaceOptions: Sendable, Equatable {
  public var threshold = 20
  public var autoencoderEpochs = 200
  public var epochs = 200
  public var batchSize = 20

  public init() {}

  /// True when `system` is learned in latent space.
  public func applies(to system: any DynamicalSystem) -> Bool { system.dimension > threshold }
}
