import NoetherCore

/// Reads and writes trajectory datasets in Noether's HDF5 layout
/// (docs/hdf5-schema.md, format `noether-trajectories`, version 1):
///
/// - root attributes `format`, `format_version`, `system`, `state_names`, `noise` (one σ,
///   NaN when unknown, or float64 [n], σ per state component), `seed`, `protocol`, `noether_version`, and `source` (where the data came from, for
///   an imported record: the file, its columns, the cut, the derivatives);
/// - `states` and `derivatives` float64 [N, T, n] (`derivatives` optional when read),
///   `time` float64 [T], `split` int32 [N]
///   (0 train, 1 test), `invariants/<name>` float64 [N, T] (exact, noise-free), and
///   `grid` float64 [n] for field systems;
/// - trajectories with their own lengths and time stamps: `time` float64 [N, T_max] and
///   `lengths` int32 [N], the arrays NaN past each trajectory's length.
public enum TrajectoryFile {
  /// The format name written to the `format` attribute.
  public static let formatName = "noether-trajectories"
  /// The layout version this code writes and reads.
  public static let formatVersion = 1.0

  /// Writes `dataset` to `path` (through a temporary file renamed into place).
  /// - Throws: `StoreError.writeFailed` when the file cannot be written.
  public static func write(_ dataset: TrajectoryDataset, to path: String) throws {
    let set = dataset.trajectories
    try hdf5Mutex.withLock { _ in
      try writeAtomically(to: path) { temporary in
        let file = try HDF5File.create(temporary)
        try file.writeHeader(format: formatName, version: formatVersion)
        try file.setAttribute("system", string: dataset.systemName)
        try file.setAttribute("state_names", strings: dataset.stateNames)
        if let levels = dataset.noise.statedComponents {
          try file.setAttribute("noise", doubles: levels)
        } else {
          try file.setAttribute("noise", double: dataset.noise.statedSigma ?? .nan)
        }
        try file.setAttribute("seed", uint64: dataset.seed)
        try file.setAttribute("protocol", string: dataset.protocolName)
        if !dataset.source.isEmpty { try file.setAttribute("source", string: dataset.source) }
        try file.writeTrajectoryArrays(set)
        try file.setAttribute("labels", string: "0 = train, 1 = test", on: "split")
        try file.createGroup("invariants")
        for name in dataset.exactInvariants.keys.sorted() {
          let values = dataset.exactInvariants[name]!
          try file.write(
            "invariants/\(name)",
            doubles: set.sharesTimes ? values : RaggedPadding.padded(values, layout: set.layout, width: 1),
            shape: [set.trajectoryCount, set.pointCount])
        }
        if !dataset.gridCoordinates.isEmpty {
          try file.write("grid", doubles: dataset.gridCoordinates, shape: [dataset.gridCoordinates.count])
        }
      }
    }
  }

  /// Reads a dataset file, checking its layout.
  ///
  /// Required: `states` [N, T, n] and `time` [T] (or [N, T] with `lengths` [N]). Optional, with defaults:
  /// `derivatives` [N, T, n] (estimated by finite differences, and said in `source`), `split` (first half train), the attributes (`system` "unknown",
  /// `noise` estimated from the states (`NoiseLevel.estimated(from:)`; also when it is NaN), `seed` 0, `protocol` "unknown", `state_names` x0, x1, …), `invariants/`.
  /// - Throws: `StoreError` naming the file and the problem: missing, not HDF5
  ///   (truncated or corrupted), another format, or arrays of the wrong shape.
  public static func read(from path: String) throws -> TrajectoryDataset {
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.open(path)
      if file.hasAttribute("format") {
        let format = try file.stringAttribute("format")
        guard format == formatName else {
          throw StoreError.unsupportedFormat(path: path, found: "'\(format)'")
        }
      }
      if file.hasAttribute("format_version") {
        let version = try file.doubleAttribute("format_version")
        guard version <= formatVersion else {
          throw StoreError.unsupportedFormat(path: path, found: "version \(version)")
        }
      }
      // Shapes first: nothing large is read before the layout is known to be consistent.
      let shape = try file.shape(of: "states")
      guard shape.count == 3, shape.allSatisfy({ $0 > 0 }) else {
        throw StoreError.wrongLayout(
          path: path, object: "states", problem: "has shape \(shape), expected [N, T, n]")
      }
      let (n, t, d) = (shape[0], shape[1], shape[2])
      let hasDerivatives = file.exists("derivatives")
      let derivativeShape = hasDerivatives ? try file.shape(of: "derivatives") : shape
      guard derivativeShape == shape else {
        throw StoreError.wrongLayout(
          path: path, object: "derivatives",
          problem: "has shape \(derivativeShape), expected \(shape) like 'states'")
      }
      let lengths = try Self.readLengths(file, count: n, longest: t, path: path)
      let times = try Self.readTimes(file, count: n, longest: t, lengths: lengths, path: path)
      let unpad = { (values: [Double], width: Int) in
        lengths.map { RaggedPadding.unpadded(values, lengths: $0, longest: t, width: width) } ?? values
      }
      let points = lengths?.reduce(0, +) ?? n * t
      let states = unpad(try file.readDoubles("states").values, d)
      try Self.checkFinite(states, shape: lengths == nil ? shape : [points, d], name: "states", path: path)
      var derivatives = states
      if hasDerivatives {
        derivatives = unpad(try file.readDoubles("derivatives").values, d)
        try Self.checkFinite(
          derivatives, shape: lengths == nil ? shape : [points, d], name: "derivatives", path: path)
      } else if (lengths?.min() ?? t) < 2 {
        throw StoreError.wrongLayout(
          path: path, object: "time",
          problem:
            "has a trajectory of 1 point and the file no 'derivatives': they cannot be estimated from one state"
        )
      }
      var split = (0..<n).map { $0 < (n + 1) / 2 ? TrajectorySplit.train : .test }
      if file.exists("split") {
        let labels = try file.readInt32s("split")
        guard labels.shape == [n], labels.values.allSatisfy({ $0 == 0 || $0 == 1 }) else {
          throw StoreError.wrongLayout(
            path: path, object: "split", problem: "must be [\(n)] values, each 0 (train) or 1 (test)")
        }
        split = labels.values.map { TrajectorySplit(rawValue: $0)! }
      }
      var invariants = [String: [Double]]()
      if file.exists("invariants") {
        for name in try file.members(of: "invariants") {
          let values = try file.readDoubles("invariants/\(name)")
          guard values.shape == [n, t] else {
            throw StoreError.wrongLayout(
              path: path, object: "invariants/\(name)",
              problem: "has shape \(values.shape), expected [\(n), \(t)]")
          }
          invariants[name] = unpad(values.values, 1)
        }
      }
      var stateNames = (0..<d).map { "x\($0)" }
      if file.hasAttribute("state_names") {
        stateNames = try file.stringsAttribute("state_names")
        guard stateNames.count == d else {
          throw StoreError.wrongLayout(
            path: path, object: "/@state_names", problem: "has \(stateNames.count) names for dimension \(d)")
        }
      }
      let grid = file.exists("grid") ? try file.readDoubles("grid").values : []
      guard grid.isEmpty || grid.count == d else {
        throw StoreError.wrongLayout(
          path: path, object: "grid", problem: "has \(grid.count) coordinates for states of dimension \(d)")
      }
      try Self.checkFinite(grid, shape: [grid.count], name: "grid", path: path)
      let noise = file.hasAttribute("noise") ? try file.doublesAttribute("noise") : [.nan]
      guard noise.count == 1 || noise.count == d,
        noise.allSatisfy({ $0 >= 0 && $0.isFinite }) || (noise.count == 1 && noise[0].isNaN)
      else {
        throw StoreError.wrongLayout(
          path: path, object: "/@noise",
          problem:
            "is \(noise.map { "\($0)" }.joined(separator: ", ")); a noise level is one finite number ≥ 0 (NaN: unknown) or one per state component (\(d))"
        )
      }
      var seed: UInt64 = 0
      if file.hasAttribute("seed") {
        let value = try file.doubleAttribute("seed")
        guard value >= 0, value == value.rounded(), value < 1.8e19 else {
          throw StoreError.wrongLayout(
            path: path, object: "/@seed", problem: "is \(value); a seed is a whole number ≥ 0")
        }
        seed = try file.uint64Attribute("seed")
      }
      var set =
        try lengths == nil
        ? TrajectorySet(times: times[0], states: states, derivatives: derivatives, dimension: d, split: split)
        : TrajectorySet(times: times, states: states, derivatives: derivatives, dimension: d, split: split)
      var source = file.hasAttribute("source") ? try file.stringAttribute("source") : ""
      if !hasDerivatives {
        let method = FiniteDifference()
        set = set.rederived(with: method)
        source += (source.isEmpty ? "" : "; ") + "derivatives by \(method.name) (the file holds none)"
      }
      return TrajectoryDataset(
        systemName: file.hasAttribute("system") ? try file.stringAttribute("system") : "unknown",
        stateNames: stateNames, trajectories: set, exactInvariants: invariants,
        noise: noise[0].isNaN ? .estimated(from: set) : try NoiseLevel(givenByComponent: noise), seed: seed,
        protocolName: file.hasAttribute("protocol") ? try file.stringAttribute("protocol") : "unknown",
        gridCoordinates: grid, source: source)
    }
  }
}

extension TrajectoryFile {
  /// Refuses NaN and infinite values, naming how many there are and where the first is.
  static func checkFinite(_ values: [Double], shape: [Int], name: String, path: String) throws {
    guard let first = values.firstIndex(where: { !$0.isFinite }) else { return }
    let count = values.lazy.filter { !$0.isFinite }.count
    var index = [Int]()
    var rest = first
    for size in shape.reversed() {
      index.append(rest % max(size, 1))
      rest /= max(size, 1)
    }
    throw StoreError.wrongLayout(
      path: path, object: name,
      problem:
        "holds \(count) non-finite values (NaN or infinite), the first \(values[first]) at \(Array(index.reversed())); the data cannot be used"
    )
  }
}

extension HDF5File {
  /// Writes `set` as a dataset file lays it out: `states` and `derivatives` [N, T, n],
  /// `time` [T], `split` [N] (int32), each name preceded by `prefix` (`""` or `"group/"`).
  /// Trajectories with their own time stamps: `states` and `derivatives` [N, T_max, n]
  /// and `time` [N, T_max], NaN past each one's end, and `lengths` [N] (int32).
  public func writeTrajectoryArrays(_ set: TrajectorySet, prefix: String = "") throws {
    let shape = [set.trajectoryCount, set.pointCount, set.dimension]
    guard !set.sharesTimes else {
      try write(prefix + "states", doubles: set.states, shape: shape)
      try write(prefix + "derivatives", doubles: set.derivatives, shape: shape)
      try write(prefix + "time", doubles: set.times, shape: [set.pointCount])
      try write(prefix + "split", int32s: set.split.map(\.rawValue), shape: [set.trajectoryCount])
      return
    }
    let (layout, n) = (set.layout, set.dimension)
    try write(
      prefix + "states", doubles: RaggedPadding.padded(set.states, layout: layout, width: n), shape: shape)
    try write(
      prefix + "derivatives", doubles: RaggedPadding.padded(set.derivatives, layout: layout, width: n),
      shape: shape)
    try write(
      prefix + "time", doubles: RaggedPadding.padded(set.pointTimes, layout: layout, width: 1),
      shape: [set.trajectoryCount, set.pointCount])
    try write(prefix + "lengths", int32s: layout.lengths.map { Int32($0) }, shape: [set.trajectoryCount])
    try write(prefix + "split", int32s: set.split.map(\.rawValue), shape: [set.trajectoryCount])
  }
}
