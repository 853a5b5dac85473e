import Foundation
import NoetherCompare
import NoetherCore

/// Measured records in a sweep (the spec's `records`): each record is a cell of its own,
/// read as `compare --data` reads it (checked as untrusted, named after the file when it
/// names no system, derivatives estimated as the spec's `derivatives` says), its data
/// fixed, and its seeds the networks' and the evaluation's only.
enum SweepRecords {
  /// The spec field `records`: distinct paths, relative ones resolved against the spec
  /// file's directory, as absolute paths; empty when the field is absent.
  /// - Throws: `CommandLineError` naming the spec and the field, also when a grid of
  ///   records alone gives `noise`, `trajectories` or `points` (axes of generated data).
  static func records(_ fields: [String: Any], path: String) throws -> [String] {
    func fail(_ message: String) -> CommandLineError {
      CommandLineError("sweep spec '\(path)': \(message) (docs/sweeps.md).")
    }
    guard let value = fields["records"] else { return [] }
    guard let list = value as? [String], !list.isEmpty, !list.contains(where: \.isEmpty),
      Set(list).count == list.count
    else {
      throw fail(
        "field 'records' must be a non-empty list of distinct file paths, got \(SweepSpec.shown(value))")
    }
    if fields["systems"] == nil,
      let axis = ["noise", "trajectories", "points"].first(where: { fields[$0] != nil })
    {
      throw fail(
        "field '\(axis)' sets generated data, and this grid has records only, whose data are fixed; leave it out, or add 'systems' for it to apply to"
      )
    }
    return list.map { resolved($0, againstSpec: path) }
  }

  /// `file` as an absolute path, a relative one taken against the directory of the spec
  /// at `path` (records, and the files `laws` and `enforce` name).
  static func resolved(_ file: String, againstSpec path: String) -> String {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
    return URL(fileURLWithPath: file, relativeTo: directory).standardizedFileURL.path
  }

  /// The record at `path` as `compare --data path [--derivatives spec]` reads it, and its
  /// system (the registered one it names, or a system of its own).
  /// - Throws: `CommandLineError` naming the file.
  static func read(_ path: String, derivatives: String?) throws -> (
    dataset: TrajectoryDataset, entry: RegisteredSystem
  ) {
    let source = try DataOptions.parse(["--data", path] + (derivatives.map { ["--derivatives", $0] } ?? []))
    guard let dataset = try source.readData() else {
      throw CommandLineError("sweep record '\(path)': nothing was read.")
    }
    return (dataset, try source.entry(for: dataset))
  }
}
