import NoetherCore

/// Reads PDEBench's two layouts as states on a grid:
///
/// - single-field files: `tensor` [N, T, X…] with `t-coordinate` (T or T + 1 values) and
///   `x-coordinate` [X] (and `y-coordinate`, `z-coordinate` for more axes);
/// - per-seed files: one group per sample (`0000`, `0001`, …), each with `data`
///   [T, X…, C] and `grid/t` [T], `grid/x` [X] (…).
///
/// Spatial axes (and channels) are flattened, row-major, into one state per time.
public enum PDEBenchImport {
  /// The single-field layout. Needs ``hdf5Mutex`` held.
  static func readTensor(_ file: HDF5File) throws -> ImportedStates {
    let shape = try file.checkedShape("tensor", rank: 3, orMore: true, meaning: "[N, T, X…] with N, T, X ≥ 1")
    let (n, t) = (shape[0], shape[1])
    let d = shape.dropFirst(2).reduce(1, *)
    guard file.exists("t-coordinate") else {
      throw StoreError.missing(path: file.path, object: "t-coordinate")
    }
    let times = try file.samplingTimes("t-coordinate", count: t)
    let states = try file.readDoubles("tensor").values
    try TrajectoryFile.checkFinite(states, shape: shape, name: "tensor", path: file.path)
    var grid = [Double]()
    if shape.count == 3, file.exists("x-coordinate") {
      grid = try file.readDoubles("x-coordinate").values
      guard grid.count == d else {
        throw StoreError.wrongLayout(
          path: file.path, object: "x-coordinate",
          problem: "has \(grid.count) values for \(d) grid points in 'tensor'")
      }
      try TrajectoryFile.checkFinite(grid, shape: [d], name: "x-coordinate", path: file.path)
    }
    var imported = ImportedStates(
      layout: "pdebench", states: states, times: times, trajectoryCount: n, dimension: d,
      stateNames: componentNames("u", Array(shape.dropFirst(2))), grid: grid)
    imported.systemName = file.optionalString("system")
    if file.hasAttribute("noise") { imported.noise = try? file.doubleAttribute("noise") }
    if file.hasAttribute("seed") { imported.seed = try? file.uint64Attribute("seed") }
    return imported
  }

  /// The per-seed layout: every root group holding `data`. Needs ``hdf5Mutex`` held.
  static func readPerSeed(_ file: HDF5File, groups: [String]) throws -> ImportedStates {
    let first = try file.checkedShape(
      "\(groups[0])/data", rank: 2, orMore: true, meaning: "[T, X…, C] with every size ≥ 1")
    let t = first[0]
    let d = first.dropFirst().reduce(1, *)
    guard file.exists("\(groups[0])/grid/t") else {
      throw StoreError.missing(path: file.path, object: "\(groups[0])/grid/t")
    }
    let times = try file.samplingTimes("\(groups[0])/grid/t", count: t)
    var states = [Double]()
    states.reserveCapacity(groups.count * t * d)
    for group in groups {
      let shape = try file.shape(of: "\(group)/data")
      guard shape == first else {
        throw StoreError.wrongLayout(
          path: file.path, object: "\(group)/data",
          problem: "has shape \(shape), unlike \(groups[0])/data's \(first)")
      }
      let values = try file.readDoubles("\(group)/data").values
      try TrajectoryFile.checkFinite(values, shape: shape, name: "\(group)/data", path: file.path)
      states += values
    }
    var grid = [Double]()
    if file.exists("\(groups[0])/grid/x"), let x = try? file.readDoubles("\(groups[0])/grid/x").values,
      x.count == d
    {
      grid = x
    }
    return ImportedStates(
      layout: "pdebench-per-seed", states: states, times: times, trajectoryCount: groups.count, dimension: d,
      stateNames: componentNames("u", Array(first.dropFirst())), grid: grid,
      notes: ["\(groups.count) samples (groups \(groups[0]) … \(groups[groups.count - 1]))"])
  }

  /// The groups of a per-seed file, or nil when the root is not laid out that way.
  static func perSeedGroups(_ file: HDF5File) -> [String]? {
    guard let members = try? file.members(of: "/"), !members.isEmpty else { return nil }
    let groups = members.filter { file.exists("\($0)/data") }
    return groups.count == members.count ? groups : nil
  }

  /// `u[i]`, `u[i,j]`, … for the flattened axes.
  static func componentNames(_ field: String, _ axes: [Int]) -> [String] {
    let count = axes.reduce(1, *)
    return (0..<count).map { flat in
      var rest = flat
      var index = [Int]()
      for size in axes.reversed() {
        index.append(rest % size)
        rest /= size
      }
      return "\(field)[\(index.reversed().map(String.init).joined(separator: ","))]"
    }
  }
}
