import NoetherCore

/// Reads and writes trained models (docs/hdf5-schema.md, format `noether-model`,
/// version 1): root attributes `format`, `format_version`, `method`, `system`,
/// `noether_version`; the group `settings` with one string attribute per setting; the
/// group `parameters` with one float64 dataset per named array ("/" in a name is
/// stored as ".": `h/0/weight` → `parameters/h.0.weight`).
public enum ModelFile {
  public static let formatName = "noether-model"
  public static let formatVersion = 1.0

  /// Writes `archive`, recording the system it was trained on, atomically.
  public static func write(_ archive: ModelArchive, system: String, to path: String) throws {
    try hdf5Mutex.withLock { _ in
      try writeAtomically(to: path) { temporary in
        let file = try HDF5File.create(temporary)
        try file.writeHeader(format: formatName, version: formatVersion)
        try file.setAttribute("method", string: archive.method)
        try file.setAttribute("system", string: system)
        try file.createGroup("settings")
        for (key, value) in archive.settings.sorted(by: { $0.key < $1.key }) {
          try file.setAttribute(key, string: value, on: "settings")
        }
        try file.createGroup("parameters")
        for (name, array) in archive.arrays.sorted(by: { $0.key < $1.key }) {
          try file.write(
            "parameters/" + name.replacingOccurrences(of: "/", with: "."), doubles: array.values,
            shape: array.shape)
        }
      }
    }
  }

  /// Reads a model file.
  /// - Returns: the archive and the system name.
  /// - Throws: `StoreError` naming the file and the problem.
  public static func read(from path: String) throws -> (archive: ModelArchive, system: String) {
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.open(path)
      let format = try file.format()
      guard format == formatName else {
        throw StoreError.unsupportedFormat(path: path, found: "'\(format)' (expected \(formatName))")
      }
      let version = try file.doubleAttribute("format_version")
      guard version <= formatVersion else {
        throw StoreError.unsupportedFormat(path: path, found: "version \(version)")
      }
      var archive = ModelArchive(method: try file.stringAttribute("method"))
      for key in try file.attributeNames(on: "settings") {
        archive.settings[key] = try file.stringAttribute(key, on: "settings")
      }
      for name in try file.members(of: "parameters") {
        let data = try file.readDoubles("parameters/" + name)
        archive.arrays[name.replacingOccurrences(of: ".", with: "/")] = .init(
          shape: data.shape, values: data.values)
      }
      return (archive, try file.stringAttribute("system"))
    }
  }
}

extension String {
  fileprivate func replacingOccurrences(of target: Character, with replacement: Character) -> String {
    String(map { $0 == target ? replacement : $0 })
  }
}
