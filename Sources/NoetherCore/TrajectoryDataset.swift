/// A trajectory set together with what produced it: the system, the noise, the seed
/// and the protocol, and the exact invariants of the noise-free states.
///
/// This is what a dataset file holds (docs/hdf5-schema.md).
public struct TrajectoryDataset: Sendable, Equatable {
  /// The system's identifier.
  public var systemName: String
  /// One name per state component.
  public var stateNames: [String]
  /// The (possibly noisy) trajectories.
  public var trajectories: TrajectorySet
  /// Known invariants of the noise-free states: name → values [N, T].
  public var exactInvariants: [String: [Double]]
  /// The noise on the states (and derivatives): given by whoever made the data, or
  /// estimated from the states when a file does not say.
  public var noise: NoiseLevel
  /// The seed the data were drawn with.
  public var seed: UInt64
  /// The protocol's name.
  public var protocolName: String
  /// Grid coordinates for field systems (the heat equation); empty otherwise.
  public var gridCoordinates: [Double]
  /// Where the data came from when read from a file: the layout, how the split was
  /// made and how the derivatives were obtained (empty for generated data).
  public var source: String

  public init(
    systemName: String, stateNames: [String], trajectories: TrajectorySet,
    exactInvariants: [String: [Double]] = [:], noise: NoiseLevel, seed: UInt64,
    protocolName: String, gridCoordinates: [Double] = [], source: String = ""
  ) {
    self.systemName = systemName
    self.stateNames = stateNames
    self.trajectories = trajectories
    self.exactInvariants = exactInvariants
    self.noise = noise
    self.seed = seed
    self.protocolName = protocolName
    self.gridCoordinates = gridCoordinates
    self.source = source
  }
}
