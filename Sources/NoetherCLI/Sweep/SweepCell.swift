import NoetherCompare

/// One point of a sweep's grid without its seed: a system at one noise level and one
/// training-set size. The tasks of a cell differ only in their seed, and `collect`
/// merges them into one comparison, paired by seed.
public struct SweepCell: Codable, Sendable, Hashable, Comparable {
  public var system: String
  public var noise: Double
  /// Training trajectories.
  public var trajectories: Int
  /// Points per trajectory.
  public var points: Int

  public init(system: String, noise: Double, trajectories: Int, points: Int) {
    self.system = system
    self.noise = noise
    self.trajectories = trajectories
    self.points = points
  }

  /// `spring-mass, σ = 0.01, 40 training trajectories × 100 points`.
  public var title: String {
    SweepResults.Cell.title(system: system, noise: noise, trajectories: trajectories, points: points)
  }

  public static func < (a: SweepCell, b: SweepCell) -> Bool {
    (a.system, a.noise, a.trajectories, a.points) < (b.system, b.noise, b.trajectories, b.points)
  }
}
