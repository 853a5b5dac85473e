import NoetherCore

/// The one HDF5 layout of a `ModelArchive`, wherever it is stored (a model file's root,
/// a results file's `methods/<m>/seed-K/model`): the attribute `method` on the group; the
/// subgroup `settings` with one string attribute per setting; the subgroup `parameters`
/// with one float64 dataset per named array ("/" in a name is stored as ".":
/// `h/0/weight` → `parameters/h.0.weight`).
///
/// Results files written before this layout kept the settings as attributes of the group
/// itself and the arrays directly in it; ``read(from:at:)`` reads both.
public enum ModelArchiveGroup {
  /// Writes `archive` into the existing group `at` (the caller holds `hdf5Mutex`).
  public static func write(_ archive: ModelArchive, into file: HDF5File, at group: String) throws {
    let prefix = group == "/" ? "" : group + "/"
    try file.setAttribute("method", string: archive.method, on: group)
    try file.createGroup(prefix + "settings")
    for (key, value) in archive.settings.sorted(by: { $0.key < $1.key }) {
      try file.setAttribute(key, string: value, on: prefix + "settings")
    }
    try file.createGroup(prefix + "parameters")
    for (name, array) in archive.arrays.sorted(by: { $0.key < $1.key }) {
      try file.write(prefix + "parameters/" + linkName(name), doubles: array.values, shape: array.shape)
    }
  }

  /// The archive in group `at` (the caller holds `hdf5Mutex`).
  /// - Throws: `StoreError` for a missing attribute or array.
  public static func read(from file: HDF5File, at group: String) throws -> ModelArchive {
    let prefix = group == "/" ? "" : group + "/"
    var archive = ModelArchive(method: try file.stringAttribute("method", on: group))
    let layered = file.exists(prefix + "parameters")
    let settings = layered ? prefix + "settings" : group
    for key in try file.attributeNames(on: settings) where layered || key != "method" {
      archive.settings[key] = try file.stringAttribute(key, on: settings)
    }
    let arrays = layered ? prefix + "parameters" : group
    for name in try file.members(of: arrays) {
      let data = try file.readDoubles((arrays == "/" ? "" : arrays + "/") + name)
      archive.arrays[String(name.map { $0 == "." ? "/" : $0 })] = .init(
        shape: data.shape, values: data.values)
    }
    return archive
  }

  /// `name` as one HDF5 link name: `/` (the path separator) becomes `.`.
  static func linkName(_ name: String) -> String { String(name.map { $0 == "/" ? "." : $0 }) }
}
