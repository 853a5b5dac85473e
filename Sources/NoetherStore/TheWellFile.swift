import Foundation
import NoetherCore

/// The Well's HDF5 layout (Ohana et al. 2024, docs/hdf5-schema.md): root attributes
/// `dataset_name`, `grid_type`, `n_spatial_dims`, `n_trajectories`,
/// `simulation_parameters`; `dimensions/time` [T] and one coordinate array per spatial
/// axis (`dimensions@spatial_dims`); `boundary_conditions/*`; `scalars`; fields in
/// `t0_fields` (scalars, [B, T, X…]), `t1_fields` ([B, T, X…, D]) and `t2_fields`.
/// A data set is split into files under `data/train`, `data/valid` and `data/test`.
public enum TheWellFile {
  /// Reads one file: every field that varies over samples and time ([B, T, …]) becomes
  /// part of the state, flattened row-major, fields in `field_names` order; constant
  /// fields are left out (and named in the notes). Needs ``hdf5Mutex`` held.
  static func read(_ file: HDF5File) throws -> ImportedStates {
    guard file.isGroup("t0_fields") || file.isGroup("t1_fields") else {
      throw StoreError.missing(path: file.path, object: "t0_fields")
    }
    guard file.exists("dimensions/time") else {
      throw StoreError.missing(path: file.path, object: "dimensions/time")
    }
    let timeShape = try file.shape(of: "dimensions/time")
    guard timeShape.count == 1, timeShape[0] >= 2 else {
      throw StoreError.wrongLayout(
        path: file.path, object: "dimensions/time", problem: "has shape \(timeShape), expected [T] with T ≥ 2"
      )
    }
    let t = timeShape[0]
    let times = try file.samplingTimes("dimensions/time", count: t)
    var fields = [(name: String, shape: [Int])]()
    var notes = [String]()
    var n: Int?
    if file.hasAttribute("n_trajectories") {
      let value = try file.doubleAttribute("n_trajectories")
      guard value >= 1, value == value.rounded(), value < 1e9 else {
        throw StoreError.wrongLayout(
          path: file.path, object: "/@n_trajectories", problem: "is \(value), not a count ≥ 1")
      }
      n = Int(value)
    }
    for group in ["t0_fields", "t1_fields", "t2_fields"] where file.isGroup(group) {
      let names =
        file.hasAttribute("field_names", on: group)
        ? try file.stringsAttribute("field_names", on: group) : try file.members(of: group)
      for name in names {
        let object = "\(group)/\(name)"
        guard file.exists(object) else { throw StoreError.missing(path: file.path, object: object) }
        let shape = try file.shape(of: object)
        let samples = n ?? shape.first ?? 0
        if shape.count >= 2, shape[0] == samples, shape[1] == t, shape.allSatisfy({ $0 > 0 }) {
          n = samples
          fields.append((object, shape))
        } else {
          notes.append("left out '\(object)' \(shape): it does not vary over samples and time [B, T, …]")
        }
      }
    }
    guard let count = n, !fields.isEmpty else {
      throw StoreError.wrongLayout(
        path: file.path, object: "t0_fields",
        problem: "holds no field varying over samples and time ([n_trajectories, T, …] with T = \(t))")
    }
    let sizes = fields.map { $0.shape.dropFirst(2).reduce(1, *) }
    let d = sizes.reduce(0, +)
    var states = [Double](repeating: 0, count: count * t * d)
    var offset = 0
    var names = [String]()
    for (field, size) in zip(fields, sizes) {
      let values = try file.readDoubles(field.name).values
      try TrajectoryFile.checkFinite(values, shape: field.shape, name: field.name, path: file.path)
      for row in 0..<(count * t) {
        for c in 0..<size { states[row * d + offset + c] = values[row * size + c] }
      }
      offset += size
      let base = String(field.name.split(separator: "/").last ?? "")
      names +=
        field.shape.count == 2 ? [base] : PDEBenchImport.componentNames(base, Array(field.shape.dropFirst(2)))
    }
    var grid = [Double]()
    let axes =
      file.hasAttribute("spatial_dims", on: "dimensions")
      ? try file.stringsAttribute("spatial_dims", on: "dimensions") : []
    if fields.count == 1, fields[0].shape.count == 3, axes.count == 1, file.exists("dimensions/\(axes[0])"),
      let x = try? file.readDoubles("dimensions/\(axes[0])").values, x.count == d
    {
      grid = x
    }
    if let name = file.optionalString("dataset_name") { notes.insert("dataset '\(name)'", at: 0) }
    var imported = ImportedStates(
      layout: "the-well", states: states, times: times, trajectoryCount: count, dimension: d,
      stateNames: names,
      grid: grid, notes: notes)
    imported.systemName = file.optionalString("system")
    if file.hasAttribute("noise") { imported.noise = try? file.doubleAttribute("noise") }
    if file.hasAttribute("seed") { imported.seed = try? file.uint64Attribute("seed") }
    return imported
  }

  /// Writes a field dataset (one-dimensional grid) as a The Well data set under
  /// `directory`: `data/train/<system>.hdf5` and `data/test/<system>.hdf5`, each in
  /// float32 with one scalar field `u` [B, T, X], insulated ends as a `WALL` boundary,
  /// and the Noether attributes `system`, `noise`, `seed`. Returns the paths written.
  /// - Throws: `StoreError.wrongLayout` when the dataset is not a field on a grid.
  @discardableResult
  public static func write(_ dataset: TrajectoryDataset, to directory: String) throws -> [String] {
    let set = dataset.trajectories
    guard dataset.gridCoordinates.count == set.dimension else {
      throw StoreError.wrongLayout(
        path: directory, object: "grid",
        problem: "is absent: system '\(dataset.systemName)' is not a field system, so it has no The Well form"
      )
    }
    var written = [String]()
    for (split, folder) in [(TrajectorySplit.train, "train"), (.test, "test")] {
      let part = set.selecting(set.indices(in: split))
      guard part.trajectoryCount > 0 else { continue }
      let folderPath = "\(directory)/data/\(folder)"
      do {
        try FileManager.default.createDirectory(atPath: folderPath, withIntermediateDirectories: true)
      } catch {
        throw StoreError.writeFailed(
          path: folderPath, reason: "cannot create the directory (\(error.localizedDescription))")
      }
      let path = "\(folderPath)/\(dataset.systemName).hdf5"
      try hdf5Mutex.withLock { _ in
        try writeAtomically(to: path) { temporary in
          try writeFile(part, of: dataset, to: HDF5File.create(temporary))
        }
      }
      written.append(path)
    }
    return written
  }

  private static func writeFile(_ set: TrajectorySet, of dataset: TrajectoryDataset, to file: HDF5File) throws
  {
    let x = dataset.gridCoordinates.count
    try file.setAttribute("dataset_name", string: dataset.systemName)
    try file.setAttribute("grid_type", string: "cartesian")
    try file.setAttribute("n_spatial_dims", uint64: 1)
    try file.setAttribute("n_trajectories", uint64: UInt64(set.trajectoryCount))
    try file.setAttribute("simulation_parameters", strings: [])
    try file.setAttribute("system", string: dataset.systemName)
    try file.setAttribute("noise", double: dataset.noise.statedSigma ?? .nan)
    try file.setAttribute("seed", uint64: dataset.seed)
    try file.setAttribute("noether_version", string: NoetherVersion.string)
    try file.createGroup("dimensions")
    try file.setAttribute("spatial_dims", strings: ["x"], on: "dimensions")
    try file.write("dimensions/time", floats: set.times.map { Float($0) }, shape: [set.pointCount])
    try file.setAttribute("sample_varying", bools: [false], on: "dimensions/time")
    try file.write("dimensions/x", floats: dataset.gridCoordinates.map { Float($0) }, shape: [x])
    try file.setAttribute("sample_varying", bools: [false], on: "dimensions/x")
    try file.setAttribute("time_varying", bools: [false], on: "dimensions/x")
    try file.createGroup("boundary_conditions")
    try file.createGroup("boundary_conditions/x_wall")
    let wall = "boundary_conditions/x_wall"
    try file.setAttribute("associated_dims", strings: ["x"], on: wall)
    try file.setAttribute("associated_fields", strings: [], on: wall)
    try file.setAttribute("bc_type", string: "WALL", on: wall)
    try file.setAttribute("sample_varying", bools: [false], on: wall)
    try file.setAttribute("time_varying", bools: [false], on: wall)
    try file.write("\(wall)/mask", bools: (0..<x).map { $0 == 0 || $0 == x - 1 }, shape: [x])
    try file.createGroup("scalars")
    try file.setAttribute("field_names", strings: [], on: "scalars")
    for group in ["t0_fields", "t1_fields", "t2_fields"] {
      try file.createGroup(group)
      try file.setAttribute("field_names", strings: group == "t0_fields" ? ["u"] : [], on: group)
    }
    try file.write(
      "t0_fields/u", floats: set.states.map { Float($0) }, shape: [set.trajectoryCount, set.pointCount, x])
    try file.setAttribute("dim_varying", bools: [true], on: "t0_fields/u", array: true)
    try file.setAttribute("sample_varying", bools: [true], on: "t0_fields/u")
    try file.setAttribute("time_varying", bools: [true], on: "t0_fields/u")
  }
}
