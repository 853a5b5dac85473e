import ArgumentParser
import Foundation
import NoetherCompare
import NoetherCore
import NoetherStore

/// `noether generate`: makes a trajectory dataset and writes it as HDF5.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Generate a trajectory dataset (defaults: the system's reference protocol).",
    discussion:
      "Writes states, derivatives, time, split and exact invariants (docs/hdf5-schema.md), then prints what `noether inspect` prints."
  )

  @Option(help: "The system (see `noether systems`).")
  var system: String

  @Option(help: "Number of trajectories (default: the reference protocol's).")
  var trajectories: Int?

  @Option(help: "Points per trajectory (default: the reference protocol's).")
  var points: Int?

  @Option(help: "Standard deviation of the Gaussian noise on states and derivatives (default 0.01).")
  var noise: Double?

  @Option(help: "Random seed (default 2023).")
  var seed: UInt64?

  @Option(
    help:
      "Output: an HDF5 file (formats noether, pdebench), or a directory for the-well (data/train/SYSTEM.hdf5 and data/test/SYSTEM.hdf5)."
  )
  var out: String

  @Option(
    help:
      "The layout of --out: noether (states, derivatives, invariants; the default), pdebench (tensor, t-coordinate, x-coordinate) or the-well (t0_fields/u, dimensions, boundary_conditions); the last two for field systems only."
  )
  var format = "noether"

  @Option(help: "Also write the states in PDEBench's layout to this file (field systems only).")
  var pdebench: String?

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  func validate() throws {
    if let trajectories, !(1...ComparisonRequest.maximumTrajectories).contains(trajectories) {
      throw ValidationError(
        "--trajectories must be in 1…\(ComparisonRequest.maximumTrajectories), got \(trajectories).")
    }
    if let points, !(2...ComparisonRequest.maximumPoints).contains(points) {
      throw ValidationError("--points must be in 2…\(ComparisonRequest.maximumPoints), got \(points).")
    }
    if let noise, !(noise >= 0 && noise.isFinite) {
      throw ValidationError("--noise must be a finite number ≥ 0, got \(noise).")
    }
  }

  func run() throws {
    let entry = try cliResult { try SystemRegistry.shared.entry(named: system) }
    guard ["noether", "pdebench", "the-well"].contains(format) else {
      throw CommandLineError("unknown --format '\(format)'; valid choices: noether, pdebench, the-well.")
    }
    for (option, used) in [("--pdebench", pdebench != nil), ("--format \(format)", format != "noether")]
    where used && !entry.isField {
      throw CommandLineError(
        "\(option) applies to field systems only; '\(system)' is not one (field systems: \(SystemRegistry.shared.all.filter(\.isField).map(\.system.name).joined(separator: ", ")))."
      )
    }
    var settings = entry.system.referenceProtocol
    if let trajectories { settings = settings.resized(trajectories: trajectories) }
    if let points { settings.pointCount = points }
    if let noise { settings.noise = noise }
    if let seed { settings.seed = seed }
    if format == "the-well" {
      try OutputPath.checkDirectory(out, option: "--out")
    } else {
      try OutputPath.check(out, option: "--out")
    }
    if let pdebench { try OutputPath.check(pdebench, option: "--pdebench", inputs: [out]) }
    if pdebench == out { throw CommandLineError("--pdebench and --out name the same file; name two files.") }
    let values = settings.trajectoryCount.multipliedReportingOverflow(by: settings.pointCount)
    let total = values.partialValue.multipliedReportingOverflow(by: entry.system.dimension * 8 * 3)
    let memory = Int(ProcessInfo.processInfo.physicalMemory)
    if values.overflow || total.overflow || total.partialValue > memory / 2 {
      throw CommandLineError(
        "\(settings.trajectoryCount) trajectories × \(settings.pointCount) points of \(system) need more than half this machine's memory (\(memory / 1_000_000_000) GB); use fewer --trajectories or --points."
      )
    }
    if !quiet {
      printError(
        "generating \(settings.trajectoryCount) trajectories × \(settings.pointCount) points of \(system) (noise \(NumberFormat.short(settings.noise)), seed \(settings.seed))…"
      )
    }
    let start = Date()
    let dataset = try cliResult { try entry.generate(settings) }
    let infinite =
      dataset.trajectories.states.lazy.filter { !$0.isFinite }.count
      + dataset.trajectories.derivatives.lazy.filter { !$0.isFinite }.count
    guard infinite == 0 else {
      throw CommandLineError(
        "noise σ = \(settings.noise) made \(infinite) values of the data infinite or NaN; nothing was written. Use a smaller --noise."
      )
    }
    var written = [out]
    try cliResult {
      switch format {
      case "pdebench": try PDEBenchExport.write(dataset, to: out)
      case "the-well": written = try TheWellFile.write(dataset, to: out)
      default: try TrajectoryFile.write(dataset, to: out)
      }
    }
    if let pdebench { try cliResult { try PDEBenchExport.write(dataset, to: pdebench) } }
    if !quiet {
      printError(
        "wrote \(written.joined(separator: ", ")) in \(NumberFormat.fixed(Date().timeIntervalSince(start), digits: 2)) s"
      )
      print(InspectCommand.report(path: written[0], dataset: dataset))
    }
  }
}
