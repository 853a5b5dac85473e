import Foundation
import NoetherCompare

/// The manifest of a planned sweep: its spec's grid expanded into independent tasks,
/// stored as `DIR/manifest.json` (docs/sweeps.md).
public struct SweepPlan: Codable, Sendable, Equatable {
  public static let formatName = "noether-sweep"
  public static let formatVersion = 1

  public var format = SweepPlan.formatName
  public var version = SweepPlan.formatVersion
  public var name: String
  public var tasks: [SweepTask]

  public init(name: String, tasks: [SweepTask]) {
    self.name = name
    self.tasks = tasks
  }

  /// Expands `spec`: systems × noise × trajectories × points × seeds, seeds innermost,
  /// then each record × seeds. Axes the spec leaves out take the protocol's value, so
  /// every cell is concrete.
  /// - Throws: `CommandLineError` for an unknown system, method or protocol, a record that
  ///   cannot be read, and values the comparison would refuse.
  public init(_ spec: SweepSpec, name defaultName: String) throws {
    var tasks = [SweepTask]()
    var seen = Set<String>()
    for grid in spec.expanded {
      try Self.expand(grid, into: &tasks, seen: &seen)
    }
    self.init(name: spec.name ?? defaultName, tasks: tasks)
  }

  /// Appends the tasks of one grid; a cell and seed that an earlier grid has is an error.
  private static func expand(_ spec: SweepSpec, into tasks: inout [SweepTask], seen: inout Set<String>) throws
  {
    for system in spec.systems {
      var probe = spec.comparison
      probe.system = system
      let entry = try cliResult { try SystemRegistry.shared.entry(named: system) }
      let settings = try probe.protocolSettings(for: entry.system)
      let seeds = spec.seedList(from: settings.seed)
      for noise in spec.noise ?? [settings.noise] {
        for trajectories in spec.trajectories ?? [settings.trainingCount] {
          for points in spec.points ?? [settings.pointCount] {
            let cell = SweepCell(system: system, noise: noise, trajectories: trajectories, points: points)
            for seed in seeds {
              var request = probe
              request.noise = noise
              request.trainingTrajectories = trajectories
              request.points = points
              request.firstSeed = seed
              request.derivatives = spec.derivatives
              if tasks.isEmpty || tasks.last!.cell != cell || tasks.last!.request.system != system {
                _ = try request.experiment()  // names and values checked once per cell
              }
              guard seen.insert("\(cell.title), seed \(seed)").inserted else {
                throw CommandLineError(
                  "the sweep's grids both hold \(cell.title), seed \(seed); give every cell and seed to one grid (docs/sweeps.md)."
                )
              }
              tasks.append(SweepTask(index: tasks.count, cell: cell, seed: seed, request: request))
            }
          }
        }
      }
    }
    for record in spec.records {
      try expand(record: record, of: spec, into: &tasks, seen: &seen)
    }
  }

  /// Appends one record's tasks: its own cell (its system, σ and split), one per seed.
  private static func expand(
    record: String, of spec: SweepSpec, into tasks: inout [SweepTask], seen: inout Set<String>
  ) throws {
    let (dataset, entry) = try SweepRecords.read(record, derivatives: spec.derivatives)
    var probe = spec.comparison
    probe.system = entry.system.name
    let settings = try probe.protocolSettings(for: entry.system)
    let set = dataset.trajectories
    let cell = SweepCell(
      system: entry.system.name, noise: dataset.noise.sigma, trajectories: set.indices(in: .train).count,
      points: set.pointCount, record: record)
    _ = try probe.experiment(data: dataset)  // names and values checked once per record
    for seed in spec.seedList(from: settings.seed) {
      var request = probe
      request.firstSeed = seed
      request.derivatives = spec.derivatives  // applied when the runner reads the record
      guard seen.insert("\(cell.title), seed \(seed)").inserted else {
        throw CommandLineError(
          "the sweep's grids both hold \(cell.title), seed \(seed); give every record and seed to one grid (docs/sweeps.md)."
        )
      }
      tasks.append(SweepTask(index: tasks.count, cell: cell, seed: seed, request: request))
    }
  }

  /// The cells, in task order.
  public var cells: [SweepCell] {
    var seen = Set<SweepCell>()
    return tasks.map(\.cell).filter { seen.insert($0).inserted }
  }
}
