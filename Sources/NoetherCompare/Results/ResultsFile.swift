import NoetherCore
import NoetherStore

/// Writes a comparison's results (docs/hdf5-schema.md, format `noether-results`,
/// version 3): the data of the first seed, the true evaluation rollouts, the metric
/// columns, and per method and seed the outcome, every metric by its key, the metric
/// curves, notes, wall times, rollout, trained model and (2-D systems) the learned
/// invariant on a grid.
public enum ResultsFile {
  public static let formatName = "noether-results"
  public static let formatVersion = 3.0

  public static func write(_ result: ComparisonRecord, to path: String) throws {
    try hdf5Mutex.withLock { _ in
      try writeAtomically(to: path) { temporary in
        let file = try HDF5File.create(temporary)
        try file.writeHeader(format: formatName, version: formatVersion)
        try write(result, into: file, at: "")
      }
    }
  }

  /// Writes `result` in this layout under the group `prefix` (`""`: the file's root,
  /// else a path ending in `/`, such as `cells/3/`, whose group exists); the root's
  /// attributes go on that group. The caller holds `hdf5Mutex`.
  static func write(_ result: ComparisonRecord, into file: HDF5File, at prefix: String) throws {
    let top = prefix.isEmpty ? "/" : String(prefix.dropLast())
    try file.setAttribute("system", string: result.systemName, on: top)
    try file.setAttribute("protocol", string: result.protocolName, on: top)
    try file.setAttribute("noise", double: result.noise, on: top)
    try file.setAttribute("seeds", strings: result.seeds.map { "\($0)" }, on: top)
    try file.setAttribute("methods", strings: result.methods, on: top)
    try file.setAttribute("invariants", strings: result.invariantNames, on: top)
    try file.setAttribute("metric_columns", strings: result.metricColumns.map(\.storedText), on: top)
    try file.setAttribute("reference_method", string: result.referenceMethod, on: top)
    if let projection = result.stepProjection {
      try file.setAttribute("step_projection", string: projection, on: top)
    }
    if let source = result.dataSource { try file.setAttribute("data_source", string: source, on: top) }
    if let evaluation = result.evaluation { try file.setAttribute("evaluation", string: evaluation, on: top) }
    if let derivatives = result.derivatives {
      try file.setAttribute("derivatives", string: derivatives, on: top)
    }
    try file.setAttribute("state_names", strings: result.stateNames, on: top)
    try file.setAttribute("wall_seconds", double: result.wallSeconds, on: top)
    try file.setAttribute("data_seconds", double: result.dataSeconds, on: top)
    if let data = result.dataset {
      try file.createGroup(prefix + "data")
      try file.setAttribute("state_names", strings: data.stateNames, on: prefix + "data")
      try file.setAttribute("seed", uint64: data.seed, on: prefix + "data")
      try file.writeTrajectoryArrays(data.trajectories, prefix: prefix + "data/")
    }
    let t = result.evaluationSteps
    try file.createGroup(prefix + "evaluation")
    if result.evaluationTimeRows.isEmpty {
      try file.write(prefix + "evaluation/time", doubles: result.evaluationTimes, shape: [t])
    } else {
      let rows = result.evaluationTimeRows
      try file.write(
        prefix + "evaluation/time",
        doubles: RaggedPadding.padded(
          rows.flatMap { $0 }, layout: TrajectoryLayout(lengths: rows.map(\.count)), width: 1),
        shape: [rows.count, t])
      try file.write(
        prefix + "evaluation/lengths", int32s: rows.map { Int32($0.count) }, shape: [rows.count])
    }
    if !result.gridCoordinates.isEmpty {
      try file.write(
        prefix + "evaluation/grid", doubles: result.gridCoordinates, shape: [result.gridCoordinates.count])
    }
    for (seed, states) in result.truth.sorted(by: { $0.key < $1.key }) {
      let n = states.count / max(t, 1)
      try file.write(
        prefix + "evaluation/truth-seed-\(seed)", doubles: states,
        shape: [n / max(dimension(result), 1), t, dimension(result)])
    }
    if let grid = result.invariantGrid {
      try file.createGroup(prefix + "evaluation/invariant-grid")
      try file.write(prefix + "evaluation/invariant-grid/x", doubles: grid.xs, shape: [grid.xs.count])
      try file.write(prefix + "evaluation/invariant-grid/y", doubles: grid.ys, shape: [grid.ys.count])
      for (name, values) in grid.trueValues.sorted(by: { $0.key < $1.key }) {
        try file.write(
          prefix + "evaluation/invariant-grid/true-\(linkName(name))", doubles: values,
          shape: [grid.ys.count, grid.xs.count])
      }
    }
    try file.createGroup(prefix + "methods")
    for method in result.methods {
      try file.createGroup(prefix + "methods/\(method)")
      for run in result.runs(of: method) {
        let group = prefix + "methods/\(method)/seed-\(run.seed)"
        try file.createGroup(group)
        try file.setAttribute("outcome", string: run.outcome.label, on: group)
        if case .notApplicable(let reason) = run.outcome {
          try file.setAttribute("reason", string: reason, on: group)
        }
        if case .failed(let reason) = run.outcome {
          try file.setAttribute("reason", string: reason, on: group)
        }
        for (key, value) in run.metrics.sorted(by: { $0.key < $1.key }) {
          try file.setAttribute(key, double: value, on: group)
        }
        for (name, value) in run.seconds.sorted(by: { $0.key < $1.key }) {
          try file.setAttribute("seconds:\(name)", double: value, on: group)
        }
        if !run.notes.isEmpty { try file.setAttribute("notes", strings: run.notes, on: group) }
        if !run.rolloutStatuses.isEmpty {
          try file.setAttribute("rollout_statuses", strings: run.rolloutStatuses.map(\.storedText), on: group)
        }
        if let source = run.invariantSource {
          try file.setAttribute("invariant_source", string: source, on: group)
        }
        if !run.rollout.isEmpty {
          let d = dimension(result)
          try file.write(
            "\(group)/rollout", doubles: run.rollout, shape: [run.rollout.count / (t * d), t, d])
        }
        if !run.curves.isEmpty {
          try file.createGroup("\(group)/curves")
          for (name, values) in run.curves.sorted(by: { $0.key < $1.key }) {
            try file.write("\(group)/curves/\(linkName(name))", doubles: values, shape: [values.count])
          }
        }
        if let grid = result.invariantGrid, !run.learnedInvariantGrid.isEmpty {
          try file.write(
            "\(group)/learned-invariant-grid", doubles: run.learnedInvariantGrid.flatMap { $0 },
            shape: [run.learnedInvariantGrid.count, grid.ys.count, grid.xs.count])
        }
        if let archive = run.archive {
          try file.createGroup("\(group)/model")
          try ModelArchiveGroup.write(archive, into: file, at: "\(group)/model")
        }
      }
    }
  }

  /// The text attributes of a run's group; every other attribute is a number.
  static let nonNumericAttributes: Set<String> = [
    "outcome", "reason", "notes", "invariant_source", "rollout_statuses",
  ]

  /// `name` as one HDF5 link name: `/` (the path separator) becomes `.`.
  static func linkName(_ name: String) -> String { String(name.map { $0 == "/" ? "." : $0 }) }

  private static func dimension(_ result: ComparisonRecord) -> Int {
    result.dataset?.trajectories.dimension ?? 1
  }

  /// Reads back the per-run metrics (for checks and reports): method → seed → attribute → value.
  public static func readMetrics(from path: String) throws -> [String: [String: [String: Double]]] {
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.open(path)
      guard try file.stringAttribute("format") == formatName else {
        throw StoreError.unsupportedFormat(path: path, found: "not \(formatName)")
      }
      var out = [String: [String: [String: Double]]]()
      for method in try file.members(of: "methods") {
        for seed in try file.members(of: "methods/\(method)") {
          let group = "methods/\(method)/\(seed)"
          var values = [String: Double]()
          for name in try file.attributeNames(on: group) where !nonNumericAttributes.contains(name) {
            values[name] = try file.doubleAttribute(name, on: group)
          }
          out[method, default: [:]][seed] = values
        }
      }
      return out
    }
  }
}
