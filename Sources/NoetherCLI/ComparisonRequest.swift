import DiscoveryStore
import Foundation
import NoetherCompare
import NoetherCore
import NoetherMethods
import NoetherStore

/// Everything that defines one comparison by name: what `noether compare`'s options say
/// and what a sweep task stores in its manifest. Both turn it into an `Experiment`
/// through ``experiment(data:)``, so a sweep cell and the same `compare` command run the
/// same computation and give the same numbers.
public struct ComparisonRequest: Codable, Sendable, Equatable {
  /// A registered system's name.
  public var system: String
  /// Registered method names; nil: the default methods.
  public var methods: [String]?
  /// `reference` or `paper` (`NamedProtocol`).
  public var protocolName = NamedProtocol.reference.rawValue
  /// Noise σ on states and derivatives; nil: the protocol's.
  public var noise: Double?
  /// Training trajectories; nil: the protocol's. The test split keeps the protocol's size.
  public var trainingTrajectories: Int?
  /// Points per trajectory (over the protocol's duration); nil: the protocol's.
  public var points: Int?
  /// The first seed; nil: the protocol's (2023).
  public var firstSeed: UInt64?
  /// Seeds run: `firstSeed`, +1, …
  public var seedCount = 1
  /// Epochs of every network; nil: the methods' defaults.
  public var epochs: Int?
  public var referenceMethod = "baseline"
  /// SINDy's feature library spec; nil: its default.
  public var library: String?
  /// SINDy's threshold and ridge; nil: its defaults (0.1, 0.05).
  public var sindyThreshold: Double?
  public var sindyRidge: Double?
  /// The library laws are discovered on (concernet-exact, step projection onto discovered
  /// invariants); nil: the system's.
  public var discoveryLibrary: String?
  /// The source library balance laws are discovered with; nil: conservation laws only.
  public var discoverySources: String?
  /// What concernet-exact enforces: discovered, known or an invariants file.
  public var enforce: String?
  /// The invariants file `enforce` names; nil when it names none (discovered, known, nil).
  var enforcedFile: String? { enforce.flatMap { $0 == "discovered" || $0 == "known" ? nil : $0 } }
  /// Step projection in rollouts: known or discovered; nil: none.
  public var stepProjection: String?
  /// An invariants file whose quantities every model is scored on (`LawViolation`); nil: none.
  public var laws: String?
  public var invariantCount = 1
  public var invariantIndependence = 0.0
  public var finalLearningRateFactor = 1.0
  /// Adds the distilled-invariant metric.
  public var distill = false
  /// What models are scored against: `data` or `system`; nil: data with a data file,
  /// else system.
  public var evaluate: String?
  /// Runs the HNN on a system without declared canonical pairs; nil: no (and manifests
  /// written before it read as no).
  public var assumeCanonical: Bool?
  /// A `DifferentiationRegistry` spec: the derivatives every method trains on are
  /// estimated from the (noisy) states; nil: the data's own derivatives.
  public var derivatives: String?

  public init(system: String) { self.system = system }

  /// Largest accepted sizes: far above any study here, low enough that nothing tries to
  /// allocate what no machine holds.
  public static let maximumSeeds = 100_000
  public static let maximumTrajectories = 1_000_000
  public static let maximumPoints = 1_000_000
  public static let maximumEpochs = 10_000_000

  /// The protocol, with this request's noise, sizes and first seed.
  /// - Throws: `CommandLineError` naming the option that is out of range or unknown.
  public func protocolSettings(for system: any DynamicalSystem) throws -> ReferenceProtocol {
    guard let named = NamedProtocol(rawValue: protocolName) else {
      throw CommandLineError(
        "unknown protocol '\(protocolName)'; valid choices: \(NamedProtocol.allCases.map(\.rawValue).joined(separator: ", "))."
      )
    }
    var settings = named.settings(for: system)
    if let noise {
      guard noise >= 0, noise.isFinite else {
        throw CommandLineError("noise must be a finite number ≥ 0, got \(noise).")
      }
      settings.noise = noise
    }
    if let trainingTrajectories {
      guard (1...Self.maximumTrajectories).contains(trainingTrajectories) else {
        throw CommandLineError(
          "training trajectories must be in 1…\(Self.maximumTrajectories), got \(trainingTrajectories).")
      }
      let testCount = settings.trajectoryCount - settings.trainingCount
      settings.trainingCount = trainingTrajectories
      settings.trajectoryCount = trainingTrajectories + testCount
    }
    if let points {
      guard (2...Self.maximumPoints).contains(points) else {
        throw CommandLineError("points per trajectory must be in 2…\(Self.maximumPoints), got \(points).")
      }
      settings.pointCount = points
    }
    if let firstSeed { settings.seed = firstSeed }
    return settings
  }

  /// The experiment this request names, on `data` when given (its own noise then).
  /// - Throws: `CommandLineError` for an unknown name or a value out of range.
  public func experiment(data: TrajectoryDataset? = nil) throws -> Experiment {
    let entry = try cliResult { try SystemRegistry.shared.entry(named: system, record: data) }
    guard (1...Self.maximumSeeds).contains(seedCount) else {
      throw CommandLineError("seeds must be in 1…\(Self.maximumSeeds), got \(seedCount).")
    }
    if let epochs, !(1...Self.maximumEpochs).contains(epochs) {
      throw CommandLineError("epochs must be in 1…\(Self.maximumEpochs), got \(epochs).")
    }
    let settings = try protocolSettings(for: entry.system)
    let named = NamedProtocol(rawValue: protocolName)!
    var options = named.methodOptions
    options.invariantCount = invariantCount
    options.invariantIndependence = invariantIndependence
    options.finalLearningRateFactor = finalLearningRateFactor
    options.epochs = epochs
    options.library = library
    options.discoveryLibrary = discoveryLibrary
    options.discoverySources = discoverySources
    options.sindyThreshold = sindyThreshold
    options.sindyRidge = sindyRidge
    options.enforce = enforce
    options.assumeCanonical = assumeCanonical ?? false
    let projection: (any InvariantSource)? = try stepProjection.map { name -> any InvariantSource in
      switch name {
      case "known": return KnownInvariants()
      case "discovered": return DiscoveredInvariants(library: discoveryLibrary, sources: discoverySources)
      default:
        throw CommandLineError("unknown step projection '\(name)'; valid choices: known, discovered.")
      }
    }
    let names = methods ?? MethodRegistry.shared.defaultNames
    let chosen = try cliResult {
      try MethodRegistry.shared.methods(named: names, options: options, for: entry.system)
    }
    if seedCount >= 2, !names.contains(referenceMethod) {
      throw CommandLineError(
        "reference method '\(referenceMethod)' is not among the methods \(names.joined(separator: ",")); add it or choose another."
      )
    }
    var experiment = Experiment(
      system: entry.system, protocolSettings: settings, methods: chosen,
      metrics: MetricRegistry.shared.all + (distill ? [DistilledInvariant()] : []),
      referenceMethod: referenceMethod, seedCount: seedCount, data: data)
    experiment.stepProjection = projection
    if let laws { experiment.metrics.append(try Self.lawViolation(laws, system: entry.system)) }
    if let file = enforcedFile { try Self.checkEnforcedFile(file) }
    if let evaluate {
      guard let truth = EvaluationTruth(rawValue: evaluate) else {
        throw CommandLineError("unknown --evaluate '\(evaluate)'; valid choices: data, system.")
      }
      experiment.evaluation = truth
    } else {
      experiment.evaluation = data == nil ? .system : .data
    }
    if let derivatives {
      experiment.differentiation = try cliResult {
        try data.map { try DifferentiationRegistry.shared.differentiation(derivatives, level: $0.noise) }
          ?? DifferentiationRegistry.shared.differentiation(derivatives, noise: settings.noise)
      }
    }
    return experiment
  }

  /// Checks an invariants file an option names before any work: a missing one says how
  /// to make it; any other is probed as every file handed to Noether is (`UntrustedFile`).
  /// - Throws: `CommandLineError`, one line naming the option and the file.
  static func checkInvariantsFile(_ path: String, option: String) throws {
    guard FileManager.default.fileExists(atPath: path) else {
      throw CommandLineError(
        "\(option) \(path): no such file\(option == "--enforce" ? " (and not discovered or known)" : ""); make one with 'noether discover --data … --out \(path)'."
      )
    }
    try UntrustedFile.check(path)
  }

  /// Checks the invariants file `--enforce` names before any work: it must exist and hold
  /// at least one conservation or balance law (an approximately conserved quantity alone
  /// is not enforced; `--laws` scores models on it).
  /// - Throws: `CommandLineError`, one line naming `--enforce` and the file.
  static func checkEnforcedFile(_ path: String) throws {
    try checkInvariantsFile(path, option: "--enforce")
    let reason = try cliResult {
      try FileInvariants.nothingToEnforce(FileInvariants.laws(at: path), at: path)
    }
    if let reason { throw CommandLineError("--enforce \(path): the file \(reason).") }
  }

  /// The metric scoring models on the quantities of the invariants file at `path`.
  /// - Throws: `CommandLineError` naming `--laws` and the file when it cannot be read,
  ///   holds no quantity, or was found on states other than the system's.
  static func lawViolation(_ path: String, system: any DynamicalSystem) throws -> LawViolation {
    try checkInvariantsFile(path, option: "--laws")
    guard
      let quantities = try cliResult({ try InvariantFile.quantities(from: path) })
    else {
      throw CommandLineError(
        "--laws \(path): the file holds no law and no approximately conserved combination; nothing to score on."
      )
    }
    guard quantities.stateNames == system.stateNames else {
      throw CommandLineError(
        "--laws \(path): its laws are over (\(quantities.stateNames.joined(separator: ", "))), but \(system.name)'s state is (\(system.stateNames.joined(separator: ", "))); discover them on the same data (noether discover --data … --out)."
      )
    }
    return LawViolation(quantities: quantities, names: quantities.names)
  }
}
