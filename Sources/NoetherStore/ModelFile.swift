import NoetherCore

/// Reads and writes trained models (docs/hdf5-schema.md, format `noether-model`,
/// version 1): root attributes `format`, `format_version`, `system`, `noether_version`,
/// and the archive in ``ModelArchiveGroup``'s layout at the root.
public enum ModelFile {
  public static let formatName = "noether-model"
  public static let formatVersion = 1.0

  /// Writes `archive`, recording the system it was trained on, atomically.
  public static func write(_ archive: ModelArchive, system: String, to path: String) throws {
    try hdf5Mutex.withLock { _ in
      try writeAtomically(to: path) { temporary in
        let file = try HDF5File.create(temporary)
        try file.writeHeader(format: formatName, version: formatVersion)
        try file.setAttribute("system", string: system)
        try ModelArchiveGroup.write(archive, into: file, at: "/")
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
      return (try ModelArchiveGroup.read(from: file, at: "/"), try file.stringAttribute("system"))
    }
  }
}
