import ArgumentParser
import Foundation
import NoetherCore

/// Where a command's trajectories come from, shared by `compare` and `discover`: a
/// registered system's generated data, or a data file, with the noise level and the
/// derivatives resolved the same way in both.
struct DataOptions: ParsableArguments {
  @Option(help: "The system (see `noether systems`; default: the --data file's, else spring-mass).")
  var system: String?

  @Option(
    help:
      "Trajectories to use instead of generating the system's data: Noether's layout, PDEBench's (tensor, or <seed>/data) or The Well's (t0_fields)."
  )
  var data: String?

  @Option(
    help:
      "How ẋ is obtained: given (the data's own; the default), finite-difference, first-difference, savitzky-golay[:window=W,order=P], total-variation[:alpha=A], or a name registered from Swift. Files without derivatives default to finite-difference."
  )
  var derivatives: String?

  @Option(
    help:
      "Noise σ on the states: generated data are made with it (default: the protocol's, 0.01); with --data it is the level assumed instead of the file's own (recorded, or estimated from the states), one σ or one per state component (0.005,0.02)."
  )
  var noise: NoiseOption?

  func validate() throws {
    if let problem = noise?.problem { throw ValidationError(problem) }
    if let noise, noise.single == nil, data == nil {
      throw ValidationError(
        "--noise takes one σ for generated data, got \(noise.levels.count); levels per state component are for --data files."
      )
    }
  }

  /// `--noise` for generated data: the one σ given.
  var generationNoise: Double? { noise?.single }

  /// `--derivatives` as a `DifferentiationRegistry` spec; nil for `given` or none.
  var derivativesSpec: String? { derivatives == "given" ? nil : derivatives }

  /// The `--data` file read (checked as untrusted, derivatives estimated when asked),
  /// with `--noise` taking the place of its own level, and a file that names no system
  /// (and is no field on a grid) named after itself, a record; nil without `--data`.
  func readData() throws -> TrajectoryDataset? {
    guard let data else { return nil }
    var dataset = try DataInput.read(data, derivatives: derivativesSpec)
    if let noise { dataset.noise = try noise.level(stateNames: dataset.stateNames, file: data) }
    // States and times with no system named (a lab's file): a record of its own, named
    // after the file. Fields on a grid still need their (field) system.
    if dataset.systemName == "unknown", system == nil, dataset.gridCoordinates.isEmpty {
      dataset.systemName = URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent
    }
    return dataset
  }

  /// The registered system: `--system`, or the one `dataset` records, or spring-mass.
  func entry(for dataset: TrajectoryDataset?) throws -> RegisteredSystem {
    if let dataset, let data {
      return try DataInput.system(for: dataset, path: data, given: system)
    }
    return try cliResult { try SystemRegistry.shared.entry(named: system ?? "spring-mass") }
  }
}
