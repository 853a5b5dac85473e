import NoetherCore

/// One experiment run at several noise levels (the paper's Table 8: σ ∈ {0, 0.01, 0.1, 1}),
/// a record per level, each with fresh data at that noise.
public struct NoiseSweep: Sendable {
  /// The paper's levels.
  public static let paperLevels: [Double] = [0, 0.01, 0.1, 1.0]

  public var experiment: Experiment
  public var levels: [Double]

  /// - Precondition: the experiment generates its data (no `data`).
  public init(_ experiment: Experiment, levels: [Double] = NoiseSweep.paperLevels) {
    self.experiment = experiment
    self.levels = levels
  }

  /// Runs the experiment once per level; `done` is called with each record as it finishes.
  /// - Throws: `NoetherError` when the experiment brings its own data (its noise is fixed)
  ///   or a level is negative or not finite, and whatever the runner throws.
  public func run(
    with runner: ComparisonRunner = ComparisonRunner(), done: (ComparisonRecord) throws -> Void = { _ in }
  ) throws -> [ComparisonRecord] {
    guard experiment.data == nil else {
      throw NoetherError.invalidParameter(
        name: "noise sweep", value: "with given data", requirement: "generates its own data at each level")
    }
    if let bad = levels.first(where: { !($0 >= 0 && $0.isFinite) }) {
      throw NoetherError.invalidParameter(
        name: "noise level", value: "\(bad)", requirement: "must be finite and ≥ 0")
    }
    return try levels.map { level in
      var leveled = experiment
      leveled.protocolSettings.noise = level
      let record = try runner.run(leveled)
      try done(record)
      return record
    }
  }
}
