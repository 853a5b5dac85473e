import ArgumentParser
import Discovery
import DiscoveryStore
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

  @OptionGroup var source: DataOptions

  @Option(
    help:
      "The feature library: polyN, central (1/r, q/r), log, trig, names registered from Swift, joined by + (default: the system's, e.g. poly3+central for kepler)."
  )
  var library: String?

  @Option(
    help:
      "Also seek balance laws dC/dt = s with sources s sparse in this library (e.g. poly2; same syntax as --library): quantities with friction, inflow or decay, reported as dissipated, supplied or balanced."
  )
  var sources: String?

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
    if epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs).") }
  }

  func run() throws {
    let read = try source.readData()
    let entry = try source.entry(for: read)
    let spec = library ?? entry.system.defaultDiscoveryLibrary
    let features = try cliResult { try FeatureLibraryRegistry.shared.library(spec) }
    let sourceLibrary = try sources.map { spec in
      do { return try FeatureLibraryRegistry.shared.library(spec) } catch let error as NoetherError {
        throw CommandLineError("--sources: \(error.description)")
      }
    }
    if let out { try OutputPath.check(out, option: "--out", inputs: [source.data].compactMap { $0 }) }
    let dataset = try read ?? generated(entry)
    let level = dataset.noise
    let start = Date()
    var discovery = InvariantDiscovery(library: features)
    if let sourceLibrary { discovery.sources = (sourceLibrary, sourceLibrary.spec) }
    let result = try cliResult {
      try discovery.discover(
        dataset.trajectories, stateNames: entry.system.stateNames, noise: level,
        knownInvariants: entry.system.invariants, knownBalanceLaws: entry.system.balanceLaws)
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

  /// The system's reference data at `--noise`, derivatives estimated when asked.
  private func generated(_ entry: RegisteredSystem) throws -> TrajectoryDataset {
    var settings = entry.system.referenceProtocol
    if let noise = source.generationNoise { settings.noise = noise }
    var generated = try cliResult { try entry.generate(settings) }
    if let spec = source.derivativesSpec {
      let method = try cliResult {
        try DifferentiationRegistry.shared.differentiation(spec, noise: settings.noise)
      }
      generated.trajectories = generated.trajectories.rederived(with: method)
    }
    return generated
  }
}
