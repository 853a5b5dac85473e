import NoetherCore

/// States read from another tool's layout (PDEBench, The Well), before derivatives and a
/// split are added: what ``DataFile`` turns into a `TrajectoryDataset`.
public struct ImportedStates: Sendable {
  /// Which layout the file follows: `pdebench`, `pdebench-per-seed` or `the-well`.
  public var layout: String
  /// States, row-major [N, T, n] (every field of a sample flattened into one state).
  public var states: [Double]
  /// The T sampling times, strictly increasing.
  public var times: [Double]
  public var trajectoryCount: Int
  public var dimension: Int
  /// One name per state component.
  public var stateNames: [String]
  /// Grid coordinates of a one-dimensional field (one per component); empty otherwise.
  public var grid: [Double] = []
  /// The split the file gives (The Well's train/valid/test directories); nil: none.
  public var split: [TrajectorySplit]?
  /// The Noether system the file names in a `system` attribute; nil: it names none.
  public var systemName: String?
  /// The noise level and seed a Noether export records; nil elsewhere.
  public var noise: Double?
  public var seed: UInt64?
  /// What else the reader found worth saying (fields left out, the dataset's own name).
  public var notes: [String] = []
}

extension HDF5File {
  /// The shape of dataset `name`, checked to be `rank` axes (or at least `rank` with
  /// `orMore`) of positive sizes.
  func checkedShape(_ name: String, rank: Int, orMore: Bool = false, meaning: String) throws -> [Int] {
    let shape = try self.shape(of: name)
    guard orMore ? shape.count >= rank : shape.count == rank, shape.allSatisfy({ $0 > 0 }) else {
      throw StoreError.wrongLayout(
        path: path, object: name, problem: "has shape \(shape), expected \(meaning)")
    }
    return shape
  }

  /// Sampling times read from `name`: the first `count` values (PDEBench stores T + 1
  /// on some files), finite and strictly increasing.
  func samplingTimes(_ name: String, count: Int) throws -> [Double] {
    let values = try readDoubles(name).values
    guard values.count == count || values.count == count + 1 else {
      throw StoreError.wrongLayout(
        path: path, object: name,
        problem: "has \(values.count) values for \(count) time steps (expected \(count) or \(count + 1))")
    }
    let times = Array(values.prefix(count))
    try TrajectoryFile.checkFinite(times, shape: [count], name: name, path: path)
    if let k = (1..<max(count, 1)).first(where: { !(times[$0] > times[$0 - 1]) }) {
      throw StoreError.wrongLayout(
        path: path, object: name,
        problem: "is not increasing: value \(k) = \(times[k]) follows \(times[k - 1])")
    }
    return times
  }

  /// A string root attribute when present (nil otherwise).
  func optionalString(_ name: String, on object: String = "/") -> String? {
    hasAttribute(name, on: object) ? try? stringAttribute(name, on: object) : nil
  }

  /// True when `name` is a group.
  func isGroup(_ name: String) -> Bool { exists(name) && (try? members(of: name)) != nil }
}
