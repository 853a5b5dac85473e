import ArgumentParser
import Discovery
import Foundation
import NoetherCore
import NoetherLearning
import NoetherNN
import NoetherStore
import SINDy

/// `noether discover`: every conservation law in the span of a feature library, as formulas.
struct DiscoverCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "discover",
    abstract:
      "Discover a system's conserved quantities as formulas from trajectories (default: its reference data).")

  @Option(help: "The system (see `noether systems`; default: the --data file's, else spring-mass).")
  var system: String?

  @Option(
    help:
      "Trajectories to use instead of generating the system's reference data: Noether's layout, PDEBench's or The Well's."
  )
  var data: String?

  @Option(
    help:
      "Estimate the derivatives from the states: finite-difference, savitzky-golay, total-variation (default: the data's own, or finite differences)."
  )
  var derivatives: String?

  @Option(
    help:
      "The feature library: polyN, central (1/r, q/r), log, trig, names registered from Swift, joined by + (default: the system's, e.g. poly3+central for kepler)."
  )
  var library: String?

  @Option(help: "Noise σ on the states: generates the data with it, or overrides a data file's own.")
  var noise: Double?

  @Option(help: "Write the invariants to this HDF5 file (docs/hdf5-schema.md, noether-invariants).")
  var out: String?

  @Flag(
    help:
      "Also train ConCerNet's network invariant g on the training trajectories and print it as a formula over the library, with R² (what the network learned)."
  )
  var distill = false

  @Option(help: "Epochs of g's training with --distill.")
  var epochs = 1000

  @Flag(help: "Print JSON instead of text.")
  var json = false

  func validate() throws {
    if let noise, !(noise >= 0 && noise.isFinite) {
      throw ValidationError("--noise must be a finite number ≥ 0, got \(noise).")
    }
    if epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs).") }
  }

  func run() throws {
    NeuralRuntime.configure()  // one BLAS thread: the same bits on any machine
    let read = try data.map {
      try DataInput.read($0, derivatives: derivatives == "given" ? nil : derivatives)
    }
    let entry =
      try read.map { try DataInput.system(for: $0, path: data!, given: system) }
      ?? cliResult { try SystemRegistry.shared.entry(named: system ?? "spring-mass") }
    let spec = library ?? entry.system.discoveryLibrary
    let features = try cliResult { try FeatureLibraryRegistry.shared.library(spec) }
    if let out { try OutputPath.check(out, option: "--out", inputs: [data].compactMap { $0 }) }
    let dataset: TrajectoryDataset
    if let read {
      dataset = read
    } else {
      var settings = entry.system.referenceProtocol
      if let noise { settings.noise = noise }
      var generated = try cliResult { try entry.generate(settings) }
      if let spec = derivatives, spec != "given" {
        let method = try cliResult {
          try DifferentiationRegistry.shared.differentiation(spec, noise: settings.noise)
        }
        generated.trajectories = generated.trajectories.rederived(with: method)
      }
      dataset = generated
    }
    let sigma =
      noise ?? (dataset.noise.isFinite ? dataset.noise : Self.estimatedNoise(of: dataset.trajectories))
    let start = Date()
    let result = try cliResult {
      try InvariantDiscovery(library: features, librarySpec: spec).discover(
        dataset.trajectories, stateNames: entry.system.stateNames, noise: sigma,
        knownInvariants: entry.system.invariants)
    }
    let seconds = Date().timeIntervalSince(start)
    if let out {
      try cliResult { try InvariantFile.write(result, system: entry.system.name, to: out) }
    }
    let report = DiscoveryReport(
      result: result, system: entry.system, data: dataset.trajectories, seconds: seconds)
    var learned: LearnedInvariantReading?
    if distill {
      let display = ProgressDisplay(quiet: false)
      learned = try cliResult {
        try LearnedInvariantReading(
          data: dataset, system: entry.system, library: features, librarySpec: spec, epochs: epochs,
          progress: display.handler)
      }
      display.finish()
    }
    if json {
      var object = report.jsonObject
      if let learned { object["distilled"] = learned.jsonObject }
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
      print(String(decoding: data, as: UTF8.self))
    } else {
      print(report.text)
      if let learned { print(learned.text) }
      if let out { printError("wrote \(out)") }
    }
  }

  /// For data that do not record their noise (other tools' files): the median over
  /// trajectories and components of ``estimatedNoise(of:dimension:)``.
  static func estimatedNoise(of set: TrajectorySet) -> Double {
    let levels = (0..<set.trajectoryCount).flatMap {
      NoetherCore.estimatedNoise(of: set.trajectory($0).values, dimension: set.dimension)
    }.sorted()
    return levels.isEmpty ? 0 : levels[levels.count / 2]
  }
}
