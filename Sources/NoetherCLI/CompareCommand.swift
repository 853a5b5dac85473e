import ArgumentParser
import Foundation
import NoetherCompare
import NoetherCore
import NoetherMethods
import NoetherStore

/// `noether compare`: trains and evaluates every method on the same data, prints a
/// table (or JSON) and writes everything to one HDF5 results file.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract:
      "Compare methods side by side on one system (default: spring-mass, all methods, reference protocol).")

  @OptionGroup var source: DataOptions
  @OptionGroup var comparison: ComparisonOptions

  @Option(help: "Number of seeds (the protocol's seed, +1, …).")
  var seeds = 1

  @Option(help: "Training trajectories (default: the protocol's; the test split keeps its size).")
  var trajectories: Int?

  @Option(help: "Points per trajectory (default: the protocol's).")
  var points: Int?

  @Flag(help: "Run the paper's noise sweep, σ ∈ {0, 0.01, 0.1, 1} (its Table 8), one table per σ.")
  var noiseSweep = false

  @Option(help: "The HDF5 results file (default: SYSTEM-results.h5).")
  var out: String?

  @Option(help: "Also write an HTML report (figures and tables) into this directory.")
  var report: String?

  @Flag(help: "Print the metrics as JSON instead of the table.")
  var json = false

  @Flag(help: "Print nothing but the results (no progress, no file names).")
  var quiet = false

  func validate() throws {
    if seeds < 1 { throw ValidationError("--seeds must be at least 1, got \(seeds).") }
  }

  /// The comparison these options name (at noise `level` when given).
  func request(system: String, noise level: Double?) -> ComparisonRequest {
    var request = ComparisonRequest(system: system)
    comparison.apply(to: &request)
    request.noise = level
    request.trainingTrajectories = trajectories
    request.points = points
    request.seedCount = seeds
    request.derivatives = source.data == nil ? source.derivativesSpec : nil
    return request
  }

  func run() throws {
    if noiseSweep && (source.noise != nil || source.data != nil) {
      throw CommandLineError("--noise-sweep sets the noise itself; leave out --noise and --data.")
    }
    if source.data != nil && (trajectories != nil || points != nil) {
      throw CommandLineError("--trajectories and --points size generated data; leave them out with --data.")
    }
    let dataset = try source.readData()
    let system = try source.entry(for: dataset).system.name
    let noise = dataset == nil ? source.generationNoise : nil
    _ = try request(system: system, noise: noise).experiment(data: dataset)
    let outputs =
      noiseSweep
      ? NoiseSweep.paperLevels.map { ReportWriter.sweepPath(out ?? "\(system)-results.h5", noise: $0) }
      : [out ?? "\(system)-results.h5"]
    for path in outputs {
      try OutputPath.check(path, option: "--out", inputs: [source.data].compactMap { $0 })
    }
    if let report { try OutputPath.checkDirectory(report, option: "--report") }
    let display = ProgressDisplay(quiet: quiet)
    let sweep = NoiseSweep(levels: noiseSweep ? NoiseSweep.paperLevels : [noise])
    var written = [String]()
    let records = try cliResult {
      defer { display.finish() }
      return try sweep.run(
        { try request(system: system, noise: $0).experiment(data: dataset) },
        with: ComparisonRunner(progress: display.handler)
      ) { level, record in
        display.finish()
        var path = out ?? "\(system)-results.h5"
        if noiseSweep, let level { path = ReportWriter.sweepPath(path, noise: level) }
        try ResultsFile.write(record, to: path)
        if !quiet { printError("wrote \(path)") }
        written.append(path)
      }
    }
    let reports = records.map(ComparisonReport.init)
    if let report {
      let page = try cliResult { try ReportWriter.writeHTML(records, to: report) }
      if !quiet { printError("wrote \(page)") }
    } else if !quiet {
      printError("draw it with: noether report \(written.joined(separator: " ")) --out report")
    }
    if json {
      let objects = reports.map(\.jsonObject)
      let value: Any = noiseSweep ? objects : objects[0]
      let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted])
      print(String(decoding: data, as: UTF8.self))
    } else {
      print(reports.map(\.table).joined(separator: "\n\n"))
    }
    let completed = records.contains { $0.runs.contains { $0.outcome == .completed } }
    if !completed {
      throw CommandLineError(
        "no method completed on any seed (every run failed or did not apply; the reasons are under the table); the results file keeps them."
      )
    }
  }
}
