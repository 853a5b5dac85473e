import NoetherCore
import NoetherStore

extension ResultsFile {
  /// True when `path` is a readable HDF5 file whose `format` attribute says it is a
  /// results file; false for anything else (no error is raised).
  public static func isResultsFile(_ path: String) -> Bool { HDF5File.format(of: path) == formatName }

  /// Reads a results file back into a `ComparisonRecord`: settings, every run's outcome,
  /// metrics, timings and metric curves, the invariant grid, and the truth and rollouts
  /// of the seeds in `rolloutSeeds` (default: the first seed only; rollouts of a field
  /// system are large). Models and training data are not read.
  ///
  /// Throws `StoreError` for a missing or unreadable file, a file of another format or a
  /// newer version, or datasets whose shapes disagree with the schema.
  public static func read(from path: String, rolloutSeeds: Set<UInt64>? = nil) throws -> ComparisonRecord {
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.open(path)
      let format = try file.format()
      guard format == formatName else {
        throw StoreError.unsupportedFormat(
          path: path,
          found: "'\(format)' (a report needs a '\(formatName)' file, as `noether compare` writes)")
      }
      let version = try file.doubleAttribute("format_version")
      guard version <= formatVersion else {
        throw StoreError.unsupportedFormat(path: path, found: "version \(version); this Noether reads ≤ 3")
      }
      return try read(file, at: "", version: version, path: path, rolloutSeeds: rolloutSeeds)
    }
  }

  /// Reads the comparison stored under the group `prefix` (`""`: the root, else a path
  /// ending in `/`) of an open file whose layout version is `version`; `path` names the
  /// file in errors. The caller holds `hdf5Mutex`.
  static func read(
    _ file: HDF5File, at prefix: String, version: Double, path: String, rolloutSeeds: Set<UInt64>?
  ) throws -> ComparisonRecord {
    let top = prefix.isEmpty ? "/" : String(prefix.dropLast())
    let seeds = try file.stringsAttribute("seeds", on: top).map { text -> UInt64 in
      guard let seed = UInt64(text) else {
        throw StoreError.wrongLayout(path: path, object: "/", problem: "seed '\(text)' is not a number")
      }
      return seed
    }
    var record = ComparisonRecord(
      systemName: try file.stringAttribute("system", on: top),
      protocolName: try file.stringAttribute("protocol", on: top),
      invariantNames: try file.stringsAttribute("invariants", on: top),
      methods: try file.stringsAttribute("methods", on: top),
      seeds: seeds, noise: try file.doubleAttribute("noise", on: top))
    record.metricColumns =
      file.hasAttribute("metric_columns", on: top)
      ? try file.stringsAttribute("metric_columns", on: top).compactMap(MetricColumn.init(storedText:))
      : ComparisonRecord.builtInMetricColumns(invariants: record.invariantNames)
    if file.hasAttribute("step_projection", on: top) {
      record.stepProjection = try file.stringAttribute("step_projection", on: top)
    }
    record.dataSource =
      file.hasAttribute("data_source", on: top) ? try file.stringAttribute("data_source", on: top) : nil
    record.evaluation =
      file.hasAttribute("evaluation", on: top) ? try file.stringAttribute("evaluation", on: top) : nil
    record.derivatives =
      file.hasAttribute("derivatives", on: top) ? try file.stringAttribute("derivatives", on: top) : nil
    if file.hasAttribute("reference_method", on: top) {
      record.referenceMethod = try file.stringAttribute("reference_method", on: top)
    }
    record.wallSeconds = try file.doubleAttribute("wall_seconds", on: top)
    record.dataSeconds = try file.doubleAttribute("data_seconds", on: top)
    if file.hasAttribute("state_names", on: top) {
      record.stateNames = try file.stringsAttribute("state_names", on: top)
    }
    let timeShape = try file.shape(of: prefix + "evaluation/time")
    if timeShape.count == 2 {
      record.evaluationTimeRows = try timeRows(file, shape: timeShape, prefix: prefix, path: path)
    } else {
      record.evaluationTimes = try file.readDoubles(prefix + "evaluation/time").values
    }
    if file.exists(prefix + "evaluation/grid") {
      record.gridCoordinates = try file.readDoubles(prefix + "evaluation/grid").values
    }
    let wanted = rolloutSeeds ?? Set(seeds.prefix(1))
    let steps = record.evaluationSteps
    for seed in seeds where wanted.contains(seed) {
      let truth = try file.readDoubles(prefix + "evaluation/truth-seed-\(seed)")
      let rows = record.evaluationTimeRows.count
      guard truth.shape.count == 3, truth.shape[1] == steps, rows == 0 || truth.shape[0] == rows else {
        throw StoreError.wrongLayout(
          path: path, object: prefix + "evaluation/truth-seed-\(seed)",
          problem: "has shape \(truth.shape), expected [\(rows == 0 ? "N" : "\(rows)"), \(steps), n]")
      }
      record.truth[seed] = truth.values
      if record.stateNames.isEmpty {
        record.stateNames = (0..<truth.shape[2]).map { "x\($0 + 1)" }
      }
    }
    if file.exists(prefix + "evaluation/invariant-grid") {
      let xs = try file.readDoubles(prefix + "evaluation/invariant-grid/x").values
      let ys = try file.readDoubles(prefix + "evaluation/invariant-grid/y").values
      var grid = InvariantGrid(xs: xs, ys: ys)
      for name in record.invariantNames {
        let path = prefix + "evaluation/invariant-grid/true-\(linkName(name))"
        if file.exists(path) { grid.trueValues[name] = try file.readDoubles(path).values }
      }
      record.invariantGrid = grid
    }
    for method in record.methods {
      for seed in seeds {
        let group = prefix + "methods/\(method)/seed-\(seed)"
        guard file.exists(group) else { continue }
        var run = MethodRun(method: method, seed: seed, outcome: .completed)
        let reason =
          file.hasAttribute("reason", on: group) ? try file.stringAttribute("reason", on: group) : ""
        switch try file.stringAttribute("outcome", on: group) {
        case "not applicable": run.outcome = .notApplicable(reason)
        case "failed": run.outcome = .failed(reason)
        default: break
        }
        for name in try file.attributeNames(on: group) where !nonNumericAttributes.contains(name) {
          let value = try file.doubleAttribute(name, on: group)
          if name.hasPrefix("seconds:") {
            run.seconds[String(name.dropFirst(8))] = value
          } else {
            run.metrics[name] = value
          }
        }
        if file.hasAttribute("notes", on: group) {
          run.notes = try file.stringsAttribute("notes", on: group)
        }
        if file.hasAttribute("rollout_statuses", on: group) {
          let texts = try file.stringsAttribute("rollout_statuses", on: group)
          run.rolloutStatuses = try texts.map { text in
            guard let status = RolloutStatus(storedText: text) else {
              throw StoreError.wrongLayout(
                path: path, object: group + "/rollout_statuses",
                problem: "holds '\(text)', not a rollout status this version of Noether knows")
            }
            return status
          }
        }
        if file.hasAttribute("invariant_source", on: group) {
          run.invariantSource = try file.stringAttribute("invariant_source", on: group)
        }
        if version < 3 {
          try Self.readVersion2Extras(file, group: group, invariants: record.invariantNames, into: &run)
        } else if file.exists("\(group)/curves") {
          for name in try file.members(of: "\(group)/curves") {
            run.curves[name] = try file.readDoubles("\(group)/curves/\(name)").values
          }
        }
        if file.exists("\(group)/learned-invariant-grid") {
          let grid = try file.readDoubles("\(group)/learned-invariant-grid")
          let size = grid.shape.dropFirst().reduce(1, *)
          run.learnedInvariantGrid = (0..<(grid.shape.first ?? 0)).map {
            Array(grid.values[($0 * size)..<(($0 + 1) * size)])
          }
        }
        if wanted.contains(seed), file.exists("\(group)/rollout") {
          run.rollout = try file.readDoubles("\(group)/rollout").values
        }
        record.runs.append(run)
      }
    }
    return record
  }

  /// The model `method` trained on `seed`, as a results file at `path` keeps it
  /// (`ModelArchiveGroup`'s layout, or the earlier one of settings and arrays on the
  /// group itself); nil when the run kept none.
  /// - Throws: `StoreError` for a file that cannot be read.
  public static func readModel(from path: String, method: String, seed: UInt64) throws -> ModelArchive? {
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.open(path)
      let group = "methods/\(method)/seed-\(seed)/model"
      return file.exists(group) ? try ModelArchiveGroup.read(from: file, at: group) : nil
    }
  }

  /// What version 2 kept elsewhere: curves beside the rollout, wall times only as
  /// `seconds:*`, and no notes (they are made again from the rollouts outside the data).
  private static func readVersion2Extras(
    _ file: HDF5File, group: String, invariants: [String], into run: inout MethodRun
  ) throws {
    if file.exists("\(group)/mse-over-time") {
      run.curves[MeanSquaredError.curveName] = try file.readDoubles("\(group)/mse-over-time").values
    }
    for name in invariants {
      let path = "\(group)/violation-over-time-\(linkName(name))"
      if file.exists(path) {
        run.curves[InvariantViolation.curvePrefix + name] = try file.readDoubles(path).values
      }
    }
    if run.outcome == .completed {
      run.metrics.merge(WallTime.values(seconds: run.seconds)) { $1 }
      if run.rolloutsOutsideData > 0 {
        run.notes = [RolloutsOutsideData.note(count: run.rolloutsOutsideData, reach: run.rolloutReach)]
      }
    }
  }

  /// Each evaluation trajectory's own times from `evaluation/time` [N, T_max] and
  /// `evaluation/lengths` [N], read as a trajectory file's `time` and `lengths` are
  /// (`TrajectoryFile.readLengths`, `readTimes`).
  private static func timeRows(_ file: HDF5File, shape: [Int], prefix: String, path: String) throws
    -> [[Double]]
  {
    let (time, n, t) = (prefix + "evaluation/time", shape[0], shape[1])
    guard
      let lengths = try TrajectoryFile.readLengths(
        file, object: prefix + "evaluation/lengths", padded: time, count: n, longest: t, path: path)
    else {
      throw StoreError.wrongLayout(
        path: path, object: time,
        problem: "is [N, T] without 'lengths' [N] saying how many of each row's times are measured")
    }
    return try TrajectoryFile.readTimes(
      file, object: time, count: n, longest: t, lengths: lengths, path: path)
  }
}
