import NoetherCore

/// A comparison to run: a system, its protocol, the methods and metrics, and how many seeds.
public struct Experiment: Sendable {
  public var system: any DynamicalSystem
  public var protocolSettings: ReferenceProtocol
  public var methods: [any ComparisonMethod]
  /// The metrics measured on every run, in table order (default: ``Experiment/builtInMetrics``).
  public var metrics: [any ComparisonMetric]
  /// The method the others are paired with seed by seed.
  public var referenceMethod: String
  /// Seeds used: protocol seed, +1, … (`seedCount` of them).
  public var seedCount: Int
  public var settings: ComparisonSettings
  /// Training data to use instead of generating it (the same for every seed).
  public var data: TrajectoryDataset?
  /// Rollouts pull each accepted step back onto these invariants' initial values
  /// (`ManifoldProjection`); nil: plain rollouts.
  public var stepProjection: (any InvariantSource)?
  /// Replaces the data's derivatives with this estimate from the states before any
  /// method sees them; nil: the data's own derivatives.
  public var differentiation: (any Differentiation)?
  /// What models are scored against (``EvaluationTruth``); a record's system has no
  /// field, so with it the truth is always the measured test trajectories.
  public var evaluation = EvaluationTruth.system

  public init(
    system: any DynamicalSystem, protocolSettings: ReferenceProtocol? = nil, methods: [any ComparisonMethod],
    metrics: [any ComparisonMetric] = Experiment.builtInMetrics, referenceMethod: String = "baseline",
    seedCount: Int = 1, settings: ComparisonSettings = ComparisonSettings(), data: TrajectoryDataset? = nil
  ) {
    self.system = system
    self.protocolSettings = protocolSettings ?? system.referenceProtocol
    self.methods = methods
    self.metrics = metrics
    self.referenceMethod = referenceMethod
    self.seedCount = seedCount
    self.settings = settings
    self.data = data
  }

  /// MSE, each known invariant's violation, each known balance law's violation
  /// (`BalanceViolation`), each known invariant's R², rollouts that leave the data, wall
  /// times, each known invariant's drift along the rollouts, and the model's ẋ error on
  /// the test data.
  public static let builtInMetrics: [any ComparisonMetric] = [
    MeanSquaredError(), InvariantViolation(), BalanceViolation(), InvariantR2(), RolloutsOutsideData(),
    WallTime(),
    RolloutInvariantDrift(), DerivativeError(),
  ]

  /// The seeds, in order.
  public var seeds: [UInt64] { (0..<UInt64(max(seedCount, 1))).map { protocolSettings.seed &+ $0 } }

  /// The columns of every metric for this system, in table order.
  public var metricColumns: [MetricColumn] { metrics.flatMap { $0.columns(for: system) } }

  /// Checks sizes, names and data before anything runs.
  /// - Throws: `NoetherError` naming the problem.
  public func validate() throws {
    guard seedCount >= 1 else {
      throw NoetherError.invalidParameter(
        name: "seeds", value: "\(seedCount)", requirement: "must be at least 1")
    }
    guard !methods.isEmpty else {
      throw NoetherError.invalidParameter(
        name: "methods", value: "none", requirement: "name at least one method")
    }
    let names = methods.map(\.name)
    if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
      throw NoetherError.invalidParameter(
        name: "methods", value: "'\(repeated)' twice", requirement: "name each method once")
    }
    let keys = metricColumns.map(\.key)
    if let repeated = keys.first(where: { key in keys.filter { $0 == key }.count > 1 }) {
      throw NoetherError.invalidParameter(
        name: "metrics", value: "key '\(repeated)' twice", requirement: "give every metric column its own key"
      )
    }
    if evaluation == .data, data == nil {
      throw NoetherError.invalidParameter(
        name: "evaluate", value: "data",
        requirement: "needs a data file (--data) whose test trajectories to score against")
    }
    if evaluation == .system, system is RecordedSystem {
      throw NoetherError.invalidParameter(
        name: "evaluate", value: "system",
        requirement:
          "'\(system.name)' is a measured record with no equations; score against its test trajectories (--evaluate data)"
      )
    }
    if let data {
      guard data.trajectories.dimension == system.dimension else {
        throw NoetherError.dimensionMismatch(
          what: "the data file", expected: system.dimension, actual: data.trajectories.dimension,
          system: system.name)
      }
      guard data.trajectories.states.allSatisfy(\.isFinite),
        data.trajectories.derivatives.allSatisfy(\.isFinite)
      else {
        throw NoetherError.nonFiniteValues(what: "the data file")
      }
      guard !data.trajectories.indices(in: .train).isEmpty, !data.trajectories.indices(in: .test).isEmpty
      else {
        throw NoetherError.invalidParameter(
          name: "data split", value: "", requirement: "needs both training and test trajectories")
      }
    }
  }
}
