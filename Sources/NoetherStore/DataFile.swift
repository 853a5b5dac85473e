import Foundation
import NoetherCore

/// Reads trajectories from any layout Noether knows, detected from the file itself:
/// Noether's own (`states`, docs/hdf5-schema.md), PDEBench's single-field (`tensor`) and
/// per-seed (`<seed>/data`) layouts, and The Well's (`t0_fields`). Files of other tools
/// carry no derivatives: they are estimated from the states (`DifferentiationRegistry`,
/// finite differences unless `derivatives` names another method), and, where the file
/// gives no split, the trajectories are split half and half at random with `splitSeed`.
/// A The Well file inside a `train`, `valid` or `test` directory takes its split from
/// there: the same file name in the sibling directories supplies the rest (valid counts
/// as training data).
public enum DataFile {
  /// What to do with a file that lacks derivatives or a split.
  public struct Options: Sendable {
    /// A `DifferentiationRegistry` spec; nil: the file's own derivatives, or
    /// finite differences when it has none.
    public var derivatives: String?
    /// The seed of the random half/half split of a file without one.
    public var splitSeed: UInt64

    public init(derivatives: String? = nil, splitSeed: UInt64 = 2023) {
      self.derivatives = derivatives
      self.splitSeed = splitSeed
    }
  }

  /// The layouts, as named in messages and in `TrajectoryDataset.source`.
  public enum Layout: String, Sendable {
    case noether, pdebench, pdebenchPerSeed = "pdebench-per-seed", theWell = "the-well"
  }

  /// The layout of the file at `path`.
  /// - Throws: `StoreError` for a file that is missing, not HDF5, or of no known layout
  ///   (the message names what each layout would need and what the file holds).
  public static func layout(of path: String) throws -> Layout {
    try hdf5Mutex.withLock { _ in try layout(of: HDF5File.open(path)) }
  }

  static func layout(of file: HDF5File) throws -> Layout {
    if file.exists("states") || file.hasAttribute("format") { return .noether }
    if file.exists("tensor") { return .pdebench }
    if file.isGroup("t0_fields") || file.isGroup("t1_fields") || file.hasAttribute("n_spatial_dims") {
      return .theWell
    }
    if PDEBenchImport.perSeedGroups(file) != nil { return .pdebenchPerSeed }
    let members = ((try? file.members(of: "/")) ?? []).prefix(8).map { "'\($0)'" }
    throw StoreError.wrongLayout(
      path: file.path, object: "/",
      problem:
        "follows no layout Noether reads: no 'states' (Noether's), no 'tensor' or '<seed>/data' (PDEBench's), no 't0_fields' (The Well's); it holds \(members.isEmpty ? "nothing" : members.joined(separator: ", "))"
    )
  }

  /// Reads the file at `path` as a dataset.
  /// - Throws: `StoreError` naming the file and what is wrong, `NoetherError` for a
  ///   differentiation spec that names no method.
  public static func read(from path: String, options: Options = Options()) throws -> TrajectoryDataset {
    let layout = try layout(of: path)
    if layout == .noether {
      var dataset = try TrajectoryFile.read(from: path)
      dataset.source = "'\(path)', a Noether file" + (dataset.source.isEmpty ? "" : " (\(dataset.source))")
      if let spec = options.derivatives {
        let method = try DifferentiationRegistry.shared.differentiation(spec, level: dataset.noise)
        dataset.trajectories = dataset.trajectories.rederived(with: method)
        dataset.source += ", derivatives by \(method.name)"
      }
      return dataset
    }
    var parts = [(states: ImportedStates, split: TrajectorySplit?)]()
    if layout == .theWell, let siblings = theWellSplitFiles(path) {
      for (file, split) in siblings { parts.append((try readForeign(file, layout), split)) }
    } else {
      parts.append((try readForeign(path, layout), nil))
    }
    var dataset = try assemble(parts, path: path, options: options)
    dataset.source = "'\(path)', a " + dataset.source
    return dataset
  }

  private static func readForeign(_ path: String, _ layout: Layout) throws -> ImportedStates {
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.open(path)
      switch layout {
      case .pdebench: return try PDEBenchImport.readTensor(file)
      case .pdebenchPerSeed:
        return try PDEBenchImport.readPerSeed(file, groups: PDEBenchImport.perSeedGroups(file) ?? [])
      case .theWell, .noether: return try TheWellFile.read(file)
      }
    }
  }

  /// For `…/train/NAME` (or valid, test): the files `…/{train,valid,test}/NAME` that
  /// exist, with their splits; nil when the path is not in such a directory.
  public static func theWellSplitFiles(_ path: String) -> [(String, TrajectorySplit)]? {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    guard ["train", "valid", "test"].contains(folder.lastPathComponent) else { return nil }
    let root = folder.deletingLastPathComponent()
    let files = [("train", TrajectorySplit.train), ("valid", .train), ("test", .test)].compactMap {
      name, split -> (String, TrajectorySplit)? in
      let candidate = root.appendingPathComponent(name).appendingPathComponent(url.lastPathComponent).path
      return FileManager.default.fileExists(atPath: candidate) ? (candidate, split) : nil
    }
    return files.contains(where: { $0.1 == .train }) && files.contains(where: { $0.1 == .test }) ? files : nil
  }

  private static func assemble(
    _ parts: [(states: ImportedStates, split: TrajectorySplit?)], path: String, options: Options
  ) throws -> TrajectoryDataset {
    let first = parts[0].states
    for part in parts.dropFirst() {
      guard part.states.dimension == first.dimension, part.states.times == first.times else {
        throw StoreError.wrongLayout(
          path: path, object: "/",
          problem:
            "is one split of a The Well data set whose files disagree: \(part.states.dimension) components × \(part.states.times.count) times against \(first.dimension) × \(first.times.count)"
        )
      }
    }
    let count = parts.reduce(0) { $0 + $1.states.trajectoryCount }
    var split: [TrajectorySplit]
    var splitText: String
    if parts.allSatisfy({ $0.split != nil }) {
      split = parts.flatMap { [TrajectorySplit](repeating: $0.split!, count: $0.states.trajectoryCount) }
      splitText = "split from the train/valid/test directories"
    } else {
      guard count >= 2 else {
        throw StoreError.wrongLayout(
          path: path, object: "/", problem: "holds 1 trajectory; training and testing need at least 2")
      }
      var order = Array(0..<count)
      var generator = SeededGenerator(seed: options.splitSeed)
      generator.shuffle(&order)
      split = [TrajectorySplit](repeating: .test, count: count)
      for i in order.prefix((count + 1) / 2) { split[i] = .train }
      splitText = "split half and half with seed \(options.splitSeed)"
    }
    let states = parts.flatMap(\.states.states)
    // A recorded level that is no finite σ ≥ 0 (NaN: the exporter did not know) is estimated.
    let noise = first.noise.flatMap { $0 >= 0 && $0.isFinite ? $0 : nil }
    let method = try DifferentiationRegistry.shared.differentiation(
      options.derivatives ?? "finite-difference", noise: noise)
    let placeholder = try TrajectorySet(
      times: first.times, states: states, derivatives: states, dimension: first.dimension, split: split)
    let set = placeholder.rederived(with: method)
    let layoutName = first.layout == "the-well" ? "The Well" : "PDEBench"
    let notes = first.notes.isEmpty ? "" : "; " + first.notes.joined(separator: "; ")
    return TrajectoryDataset(
      systemName: first.systemName ?? "unknown", stateNames: first.stateNames, trajectories: set,
      noise: try noise.map { try NoiseLevel(given: $0) } ?? .estimated(from: set),
      seed: first.seed ?? options.splitSeed, protocolName: "unknown",
      gridCoordinates: first.grid,
      source: "\(layoutName) file (\(first.layout)), \(splitText), derivatives by \(method.name)\(notes)")
  }
}
