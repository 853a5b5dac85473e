import NoetherCore
import NoetherStore

/// A `--data FILE` as every command takes it: checked as an untrusted file, read in any
/// layout ``DataFile`` knows (Noether's, PDEBench's, The Well's), and matched with the
/// system the user names or the file records.
enum DataInput {
  /// Reads `path` (derivatives estimated by `derivatives` when given, or when the file
  /// has none), after ``UntrustedFile/check(_:)`` unless the caller has `checked` it; a
  /// table of measurements (`.csv`, `.tsv`, `.txt`, `.dat`) as `noether import` reads it
  /// with its defaults (columns from its header).
  static func read(_ path: String, derivatives: String?, checked: Bool = false) throws -> TrajectoryDataset {
    if MeasuredTable.isTable(path) {
      var options = RecordImport.Options()
      options.derivatives = derivatives
      return try cliResult { try RecordImport.dataset(from: MeasuredTable.read(path), options: options) }
    }
    if !checked { try UntrustedFile.check(path) }
    // A The Well file's split comes from its siblings, which are read too.
    for (sibling, _) in DataFile.theWellSplitFiles(path) ?? [] where sibling != path {
      try UntrustedFile.check(sibling)
    }
    return try cliResult {
      try DataFile.read(from: path, options: DataFile.Options(derivatives: derivatives))
    }
  }

  /// The system to use with `dataset`: `given` (`--system`) or else the one the file
  /// records: a registered one, or, for a name no system is registered under (an
  /// imported record), the record's own `RecordedSystem`; refused when they differ, when
  /// neither names one, or when the states do not fit the system (a field's grid size,
  /// or a dimension).
  static func system(for dataset: TrajectoryDataset, path: String, given: String?) throws -> RegisteredSystem
  {
    let recorded = dataset.systemName == "unknown" ? nil : dataset.systemName
    if let given, let recorded, given != recorded {
      throw CommandLineError(
        "--data '\(path)' holds \(recorded) data (its 'system' attribute), not \(given); pass --system \(recorded) or another file."
      )
    }
    guard let name = given ?? recorded else {
      throw CommandLineError(
        "--data '\(path)' does not say which system its data are of (no 'system' attribute); pass --system NAME (see `noether systems`)."
      )
    }
    let entry = try cliResult {
      try SystemRegistry.shared.entry(named: name, record: given == nil ? dataset : nil)
    }
    let d = dataset.trajectories.dimension
    guard d == entry.system.dimension else {
      if entry.isField {
        throw CommandLineError(
          "--data '\(path)' holds fields on \(d) grid points, but system '\(name)' has \(entry.system.dimension); pass a system of the file's grid (register one from Swift) or another file."
        )
      }
      throw CommandLineError(
        "--data '\(path)' holds states of dimension \(d), but system '\(name)' has dimension \(entry.system.dimension); pass the file's --system or another file."
      )
    }
    return entry
  }
}
