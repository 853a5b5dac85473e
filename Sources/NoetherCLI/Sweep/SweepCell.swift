import Foundation
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
  /// The measured record (absolute path) whose data the cell's tasks compare on; nil:
  /// the system's generated data.
  public var record: String?

  public init(system: String, noise: Double, trajectories: Int, points: Int, record: String? = nil) {
    self.system = system
    self.noise = noise
    self.trajectories = trajectories
    self.points = points
    self.record = record
  }

  /// `spring-mass, σ = 0.01, 40 training trajectories × 100 points`, and `from pend.h5`
  /// for a record.
  public var title: String {
    SweepResults.Cell.title(system: system, noise: noise, trajectories: trajectories, points: points)
      + (record.map { " from \(URL(fileURLWithPath: $0).lastPathComponent)" } ?? "")
  }

  public static func < (a: SweepCell, b: SweepCell) -> Bool {
    (a.system, a.noise, a.trajectories, a.points, a.record ?? "")
      < (b.system, b.noise, b.trajectories, b.points, b.record ?? "")
  }
}
