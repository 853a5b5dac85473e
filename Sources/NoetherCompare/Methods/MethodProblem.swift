import NoetherCore

/// What a method is asked to model: the system, and the space it works in (the state
/// space, or an autoencoder's latent space for high-dimensional systems).
public struct MethodProblem: Sendable {
  public let system: any DynamicalSystem
  /// The dimension of the space the method works in.
  public let dimension: Int
  /// True in an autoencoder's latent space (no canonical coordinates, no state names).
  public let isLatentSpace: Bool

  /// The system's own state space.
  public init(system: any DynamicalSystem) {
    self.system = system
    self.dimension = system.dimension
    self.isLatentSpace = false
  }

  /// A latent space of `dimension` for `system`.
  public init(system: any DynamicalSystem, latentDimension dimension: Int) {
    self.system = system
    self.dimension = dimension
    self.isLatentSpace = true
  }
}
