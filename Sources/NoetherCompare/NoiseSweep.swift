import NoetherCore

/// A comparison run once per noise level (the paper's Table 8: σ ∈ {0, 0.01, 0.1, 1}),
/// a record per level, each with fresh data at that noise; `noether compare` runs every
/// comparison through it (one level, nil: the protocol's, unless `--noise-sweep`).
public struct NoiseSweep: Sendable {
  /// The paper's levels.
  public static let paperLevels: [Double] = [0, 0.01, 0.1, 1.0]

  /// The levels, in order; nil: the experiment's own (its protocol's, or its data's).
  public var levels: [Double?]

  public init(levels: [Double?]) { self.levels = levels }

  /// Runs `experiment(level)` for each level; `done` is called with each record as it
  /// finishes.
  /// - Throws: `NoetherError` when a level is negative or not finite, or comes with given
  ///   data (whose noise is fixed); whatever `experiment` and the runner throw.
  public func run(
    _ experiment: (Double?) throws -> Experiment, with runner: ComparisonRunner = ComparisonRunner(),
    done: (Double?, ComparisonRecord) throws -> Void = { _, _ in }
  ) throws -> [ComparisonRecord] {
    if let bad = levels.compactMap({ $0 }).first(where: { !($0 >= 0 && $0.isFinite) }) {
      throw NoetherError.invalidParameter(
        name: "noise level", value: "\(bad)", requirement: "must be finite and ≥ 0")
    }
    return try levels.map { level in
      let leveled = try experiment(level)
      if level != nil && leveled.data != nil {
        throw NoetherError.invalidParameter(
          name: "noise sweep", value: "with given data", requirement: "generates its own data at each level")
      }
      let record = try runner.run(leveled)
      try done(level, record)
      return record
    }
  }
}
