import NoetherCore

/// A sweep's merged results: one comparison per cell (a system at one noise level and
/// one training-set size), each holding every seed that finished, paired by seed.
public struct SweepResults: Sendable {
  /// One cell: its training-set size and its comparison (system and noise inside).
  public struct Cell: Sendable {
    /// Training trajectories.
    public var trajectories: Int
    /// Points per trajectory.
    public var points: Int
    public var record: ComparisonRecord

    public init(trajectories: Int, points: Int, record: ComparisonRecord) {
      self.trajectories = trajectories
      self.points = points
      self.record = record
    }

    /// `spring-mass, σ = 0.01, 40 training trajectories × 100 points`.
    public var title: String {
      Self.title(system: record.systemName, noise: record.noise, trajectories: trajectories, points: points)
    }

    /// A cell's title from its axes, as tables, reports and task labels show it.
    public static func title(system: String, noise: Double, trajectories: Int, points: Int) -> String {
      "\(system), σ = \(NumberFormat.short(noise)), \(trajectories) training trajectories × \(points) points"
    }
  }

  public var name: String
  public var cells: [Cell]

  public init(name: String, cells: [Cell]) {
    self.name = name
    self.cells = cells
  }

  /// Merges the single-seed (or several-seed) records of one cell into one record:
  /// the first record's settings, the seeds, runs and truths of all, in seed order, the
  /// wall and data times summed.
  /// - Precondition: `records` is not empty and all are of one system and noise.
  public static func merge(_ records: [ComparisonRecord]) -> ComparisonRecord {
    let ordered = records.sorted { ($0.seeds.first ?? 0) < ($1.seeds.first ?? 0) }
    var merged = ordered[0]
    merged.dataset = nil
    for record in ordered.dropFirst() {
      merged.seeds += record.seeds
      merged.runs += record.runs
      merged.truth.merge(record.truth) { first, _ in first }
      for method in record.methods where !merged.methods.contains(method) { merged.methods.append(method) }
      merged.wallSeconds += record.wallSeconds
      merged.dataSeconds += record.dataSeconds
    }
    let order = Dictionary(uniqueKeysWithValues: merged.methods.enumerated().map { ($1, $0) })
    merged.runs.sort { (order[$0.method] ?? 0, $0.seed) < (order[$1.method] ?? 0, $1.seed) }
    return merged
  }
}
