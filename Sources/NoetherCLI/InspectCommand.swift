import ArgumentParser
import NoetherCompare
import NoetherCore
import NoetherStore

/// `noether inspect`: a dataset file's shapes, attributes and invariant drift, a results
/// file's comparison table, an invariants file's laws, or a model file's contents.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract:
      "Show a dataset file's shapes, attributes, and the drift of each known invariant; a results file's table; a discovered-invariants file's laws; a model file's settings and arrays."
  )

  @Argument(
    help:
      "An HDF5 dataset file written by `noether generate` (or in its layout), a table of measurements (.csv, .tsv, .txt, .dat: read as `noether import` would), a results file of `noether compare`, a merged sweep file of `noether sweep collect`, an invariants file of `noether discover --out`, or a model file."
  )
  var file: String

  func run() throws {
    if MeasuredTable.isTable(file) {
      // A table of measurements: what `noether import` would make of it, with its defaults.
      print(InspectCommand.report(path: file, dataset: try DataInput.read(file, derivatives: nil)))
      return
    }
    try UntrustedFile.check(file)
    if let table = try InspectCommand.resultsTable(path: file) ?? InspectOtherKinds.report(path: file) {
      print(table)
      return
    }
    let dataset = try DataInput.read(file, derivatives: nil, checked: true)
    if let entry = try? SystemRegistry.shared.entry(named: dataset.systemName),
      entry.system.dimension != dataset.trajectories.dimension
    {
      throw CommandLineError(
        "\(file): its 'system' attribute says \(dataset.systemName) (dimension \(entry.system.dimension)), but its states have dimension \(dataset.trajectories.dimension); the file is mislabelled or damaged."
      )
    }
    print(InspectCommand.report(path: file, dataset: dataset))
  }

  /// For a results file, the comparison's table as `noether compare` printed it (with
  /// the paired lines); nil for any other file.
  static func resultsTable(path: String) throws -> String? {
    if SweepResultsFile.isSweepResultsFile(path) {
      let results = try cliResult { try SweepResultsFile.read(from: path) }
      return "sweep '\(results.name)': \(results.cells.count) cells\n\n" + SweepCollectCommand.tables(results)
    }
    guard ResultsFile.isResultsFile(path) else { return nil }
    let record = try cliResult { try ResultsFile.read(from: path, rolloutSeeds: []) }
    return ComparisonReport(record).table
  }

  /// `durations 2.5 to 74.1` for trajectories with their own time stamps.
  private static func span(_ set: TrajectorySet) -> String {
    let durations = set.durations
    return
      "durations \(NumberFormat.short(durations.min() ?? 0)) to \(NumberFormat.short(durations.max() ?? 0))"
  }

  /// The report: attributes, shapes, split, and per invariant the drift measured on
  /// the stored states (noise included) and on the stored exact values.
  static func report(path: String, dataset: TrajectoryDataset) -> String {
    let set = dataset.trajectories
    let (n, t, d) = (set.trajectoryCount, set.pointCount, set.dimension)
    var lines = [
      "file        \(path)",
      "system      \(dataset.systemName) (state: \(dataset.stateNames.count <= 8 ? dataset.stateNames.joined(separator: ", ") : "\(dataset.stateNames.prefix(3).joined(separator: ", ")), … \(dataset.stateNames.last!)"))",
      "protocol    \(dataset.protocolName); noise \(dataset.noise.components != nil ? dataset.noise.description(stateNames: dataset.stateNames) : NumberFormat.short(dataset.noise.sigma)); seed \(dataset.seed)",
      "source      \(dataset.source.isEmpty ? "generated" : dataset.source)",
      set.sharesTimes
        ? "states      [\(n), \(t), \(d)]   derivatives [\(n), \(t), \(d)]   time [\(t)] on [\(NumberFormat.short(set.times.first ?? 0)), \(NumberFormat.short(set.times.last ?? 0))]"
        : "states      \(n) trajectories of \(set.lengthText) samples (\(set.totalPointCount) in all) × \(d)   each with its own time stamps, \(Self.span(set))",
      "split       \(set.indices(in: .train).count) train, \(set.indices(in: .test).count) test",
    ]
    if !dataset.gridCoordinates.isEmpty {
      lines.append(
        "grid        [\(dataset.gridCoordinates.count)] on [\(NumberFormat.short(dataset.gridCoordinates.first!)), \(NumberFormat.short(dataset.gridCoordinates.last!))]"
      )
    }
    var rows = [[String]]()
    let known = (try? SystemRegistry.shared.entry(named: dataset.systemName))?.system.invariants ?? []
    for name in Set(known.map(\.name)).union(dataset.exactInvariants.keys).sorted() {
      var row = [name]
      if let invariant = known.first(where: { $0.name == name }) {
        let drift = InvariantDrift(of: invariant, along: set)
        row += [NumberFormat.scientific(drift.maximumRelative), NumberFormat.scientific(drift.meanSquared)]
      } else {
        row += ["-", "-"]
      }
      if let exact = dataset.exactInvariants[name] {
        row.append(
          NumberFormat.scientific(
            InvariantDrift(name: name, values: exact, layout: set.layout).maximumRelative))
      } else {
        row.append("-")
      }
      rows.append(row)
    }
    if rows.isEmpty {
      lines.append("invariants  none known for '\(dataset.systemName)'")
    } else {
      lines.append("")
      lines.append(
        TextTable(
          header: [
            "invariant", "max rel. drift (stored states)", "mean sq. drift (stored states)",
            "max rel. drift (exact values)",
          ], rows: rows
        ).rendered)
    }
    return lines.joined(separator: "\n")
  }
}
