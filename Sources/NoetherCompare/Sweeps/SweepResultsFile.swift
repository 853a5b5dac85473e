import NoetherCore
import NoetherStore

/// A sweep's merged results in one HDF5 file (docs/hdf5-schema.md, format
/// `noether-sweep-results`, version 1): root attributes `name` and `cells`; each cell in
/// the group `cells/K` with the results layout of ``ResultsFile`` (its root attributes
/// on the group) plus the attributes `training_trajectories` and `points`.
public enum SweepResultsFile {
  public static let formatName = "noether-sweep-results"
  public static let formatVersion = 1.0

  /// Writes `results` atomically.
  public static func write(_ results: SweepResults, to path: String) throws {
    try hdf5Mutex.withLock { _ in
      try writeAtomically(to: path) { temporary in
        let file = try HDF5File.create(temporary)
        try file.writeHeader(format: formatName, version: formatVersion)
        try file.setAttribute("name", string: results.name)
        try file.setAttribute("cells", double: Double(results.cells.count))
        try file.setAttribute("results_format_version", double: ResultsFile.formatVersion)
        try file.createGroup("cells")
        for (k, cell) in results.cells.enumerated() {
          try file.createGroup("cells/\(k)")
          try file.setAttribute("training_trajectories", double: Double(cell.trajectories), on: "cells/\(k)")
          try file.setAttribute("points", double: Double(cell.points), on: "cells/\(k)")
          try ResultsFile.write(cell.record, into: file, at: "cells/\(k)/")
        }
      }
    }
  }

  /// True when `path` is a readable HDF5 file of this format.
  public static func isSweepResultsFile(_ path: String) -> Bool { HDF5File.format(of: path) == formatName }

  /// Reads every cell back (rollouts of each cell's first seed only).
  /// - Throws: `StoreError` for a file of another format or version, or a damaged layout.
  public static func read(from path: String) throws -> SweepResults {
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.open(path)
      let format = try file.format()
      guard format == formatName else {
        throw StoreError.unsupportedFormat(path: path, found: "'\(format)', not '\(formatName)'")
      }
      guard try file.doubleAttribute("format_version") <= formatVersion else {
        throw StoreError.unsupportedFormat(path: path, found: "a newer version; this Noether reads 1")
      }
      let version =
        file.hasAttribute("results_format_version")
        ? try file.doubleAttribute("results_format_version") : ResultsFile.formatVersion
      let count = Int(try file.doubleAttribute("cells"))
      var cells = [SweepResults.Cell]()
      for k in 0..<max(count, 0) {
        let group = "cells/\(k)"
        guard file.exists(group) else {
          throw StoreError.wrongLayout(
            path: path, object: group, problem: "is missing (the file names \(count) cells)")
        }
        let record = try ResultsFile.read(
          file, at: group + "/", version: version, path: path, rolloutSeeds: nil)
        cells.append(
          SweepResults.Cell(
            trajectories: Int(try file.doubleAttribute("training_trajectories", on: group)),
            points: Int(try file.doubleAttribute("points", on: group)), record: record))
      }
      return SweepResults(name: try file.stringAttribute("name"), cells: cells)
    }
  }
}
