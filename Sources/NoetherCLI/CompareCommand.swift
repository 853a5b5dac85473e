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

  @Option(help: "The system (see `noether systems`; default: the --data file's, else spring-mass).")
  var system: String?

  @Option(
    help:
      "Comma-separated methods (registered: \(MethodRegistry.shared.names.joined(separator: ","))); default \(MethodRegistry.shared.defaultNames.joined(separator: ","))."
  )
  var methods: String?

  @Option(
    help:
      "The invariants concernet-exact enforces: discovered (from the training data, the default), known (the system's), or an invariants file from `noether discover --out`."
  )
  var enforce: String?

  @Option(
    help:
      "Project every rollout back onto the initial values of these invariants after each step: known or discovered."
  )
  var stepProjection: String?

  @Option(help: "The method every other one is paired with seed by seed (default baseline).")
  var reference = "baseline"

  @Option(
    help:
      "SINDy's feature library: polyN (polynomials up to degree N), names registered from Swift, joined by + (default poly2)."
  )
  var library: String?

  @Option(help: "Number of seeds (the protocol's seed, +1, …).")
  var seeds = 1

  @Option(help: "Training trajectories (default: the protocol's; the test split keeps its size).")
  var trajectories: Int?

  @Option(help: "Points per trajectory (default: the protocol's).")
  var points: Int?

  @Option(help: "Noise σ on states and derivatives (default: the protocol's, 0.01).")
  var noise: Double?

  @Option(help: "The protocol: reference (the reference code's settings) or paper (the paper's Table 4).")
  var `protocol` = "reference"

  @Flag(help: "Run the paper's noise sweep, σ ∈ {0, 0.01, 0.1, 1} (its Table 8), one table per σ.")
  var noiseSweep = false

  @Option(
    help:
      "Train on this data file instead of generating data: Noether's layout, PDEBench's (tensor, or <seed>/data) or The Well's (t0_fields)."
  )
  var data: String?

  @Option(
    help:
      "The derivatives methods train on: given (the data's own; the default), finite-difference, savitzky-golay[:window=W,order=P], total-variation[:alpha=A], or a name registered from Swift. Files without derivatives default to finite-difference."
  )
  var derivatives: String?

  @Option(help: "The HDF5 results file (default: SYSTEM-results.h5).")
  var out: String?

  @Option(help: "Epochs of every network (default 1000, the reference's); small values make quick checks.")
  var epochs: Int?

  @Option(help: "Number of invariants ConCerNet and the soft penalty learn (default 1, the reference's).")
  var invariants = 1

  @Option(
    help:
      "With --invariants above 1: learn the invariants one after another, weighting by this the penalty on each one's gradient aligning with the earlier ones' (default 0: one network with m outputs, the reference's)."
  )
  var independence: Double = 0

  @Option(
    help:
      "Multiply the dynamics networks' learning rate by this for their last quarter of epochs (default 1: constant, the reference's; 0.1 lets Adam settle)."
  )
  var lrDrop: Double = 1

  @Option(help: "Also write an HTML report (figures and tables) into this directory.")
  var report: String?

  @Flag(
    help:
      "Regress every model's invariants onto the system's discovery library and print each as a formula with its R² (notes under the table)."
  )
  var distill = false

  @Flag(help: "Print the metrics as JSON instead of the table.")
  var json = false

  @Flag(help: "Print nothing but the results (no progress, no file names).")
  var quiet = false

  func validate() throws {
    if seeds < 1 { throw ValidationError("--seeds must be at least 1, got \(seeds).") }
    if let noise, !(noise >= 0 && noise.isFinite) {
      throw ValidationError("--noise must be a finite number ≥ 0, got \(noise).")
    }
    if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs).") }
    if invariants < 1 { throw ValidationError("--invariants must be at least 1, got \(invariants).") }
    if !(independence >= 0 && independence.isFinite) {
      throw ValidationError("--independence must be a finite number ≥ 0, got \(independence).")
    }
    if independence > 0 && invariants < 2 {
      throw ValidationError("--independence applies to several invariants; add --invariants 2 (or more).")
    }
    if !(lrDrop > 0 && lrDrop <= 1) {
      throw ValidationError("--lr-drop must be in (0, 1], got \(lrDrop).")
    }
  }

  /// The comparison these options name (at noise `level` when given).
  func request(system: String, noise level: Double?) throws -> ComparisonRequest {
    var request = ComparisonRequest(system: system)
    request.methods = methods.map {
      $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
    request.protocolName = self.protocol
    request.noise = level
    request.trainingTrajectories = trajectories
    request.points = points
    request.seedCount = seeds
    request.epochs = epochs
    request.referenceMethod = reference
    request.library = library
    request.enforce = enforce
    request.stepProjection = stepProjection
    request.invariantCount = invariants
    request.invariantIndependence = independence
    request.finalLearningRateFactor = lrDrop
    request.distill = distill
    request.derivatives = data == nil ? derivativesSpec : nil
    return request
  }

  /// `--derivatives` as a `DifferentiationRegistry` spec; nil for `given` or none.
  var derivativesSpec: String? { derivatives == "given" ? nil : derivatives }

  func run() throws {
    if noiseSweep && (noise != nil || data != nil) {
      throw CommandLineError("--noise-sweep sets the noise itself; leave out --noise and --data.")
    }
    if data != nil && (trajectories != nil || points != nil) {
      throw CommandLineError("--trajectories and --points size generated data; leave them out with --data.")
    }
    if data != nil && noise != nil {
      throw CommandLineError(
        "--noise applies to generated data; a --data file has its own noise. Leave out one of them.")
    }
    let dataset = try data.map { try DataInput.read($0, derivatives: derivativesSpec) }
    let system =
      try dataset.map { try DataInput.system(for: $0, path: data!, given: self.system).system.name }
      ?? self.system ?? "spring-mass"
    _ = try request(system: system, noise: noise).experiment()
    let outputs =
      noiseSweep
      ? NoiseSweep.paperLevels.map { ReportWriter.sweepPath(out ?? "\(system)-results.h5", noise: $0) }
      : [out ?? "\(system)-results.h5"]
    for path in outputs { try OutputPath.check(path, option: "--out", inputs: [data].compactMap { $0 }) }
    if let report { try OutputPath.checkDirectory(report, option: "--report") }
    let display = ProgressDisplay(quiet: quiet)
    let levels: [Double?] = noiseSweep ? NoiseSweep.paperLevels : [noise]
    var reports = [ComparisonReport]()
    var records = [ComparisonRecord]()
    var written = [String]()
    for level in levels {
      let experiment = try request(system: system, noise: level).experiment(data: dataset)
      let result = try cliResult {
        defer { display.finish() }
        return try ComparisonRunner(progress: display.handler).run(experiment)
      }
      var path = out ?? "\(system)-results.h5"
      if noiseSweep, let level { path = ReportWriter.sweepPath(path, noise: level) }
      try cliResult { try ResultsFile.write(result, to: path) }
      if !quiet { printError("wrote \(path)") }
      written.append(path)
      reports.append(ComparisonReport(result))
      if report != nil { records.append(result) }
    }
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
    if !records.isEmpty || !reports.isEmpty {
      let completed = reports.contains { $0.result.runs.contains { $0.outcome == .completed } }
      if !completed {
        throw CommandLineError(
          "no method completed on any seed (every run failed or did not apply; the reasons are under the table); the results file keeps them."
        )
      }
    }
  }
}
