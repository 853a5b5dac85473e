import NoetherCore

/// Exports field datasets (the heat equation) in PDEBench's layout, so that the
/// PDEBench community's loaders read them: `tensor` float32 [N, T, X],
/// `t-coordinate` float32 [T] and `x-coordinate` float32 [X], plus root attributes
/// naming the system and noise.
public enum PDEBenchExport {
  /// Writes `dataset` (which must carry grid coordinates) to `path`, atomically.
  /// - Throws: `StoreError.wrongLayout` when the dataset is not a field on a grid.
  public static func write(_ dataset: TrajectoryDataset, to path: String) throws {
    let set = dataset.trajectories
    guard dataset.gridCoordinates.count == set.dimension else {
      throw StoreError.wrongLayout(
        path: path, object: "grid",
        problem: "is absent: system '\(dataset.systemName)' is not a field system, so it has no PDEBench form"
      )
    }
    try hdf5Mutex.withLock { _ in
      try writeAtomically(to: path) { temporary in
        let file = try HDF5File.create(temporary)
        try file.write(
          "tensor", floats: set.states.map { Float($0) },
          shape: [set.trajectoryCount, set.pointCount, set.dimension])
        try file.write("t-coordinate", floats: set.times.map { Float($0) }, shape: [set.pointCount])
        try file.write(
          "x-coordinate", floats: dataset.gridCoordinates.map { Float($0) }, shape: [set.dimension])
        try file.setAttribute("system", string: dataset.systemName)
        try file.setAttribute("noise", double: dataset.noise.statedSigma ?? .nan)
        try file.setAttribute("seed", uint64: dataset.seed)
        try file.setAttribute("noether_version", string: NoetherVersion.string)
      }
    }
  }
}
