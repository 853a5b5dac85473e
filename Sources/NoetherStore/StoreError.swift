/// Errors reading or writing Noether's HDF5 files. Each names the file and the problem.
public enum StoreError: Error, Equatable, CustomStringConvertible {
  /// The file does not exist.
  case fileNotFound(path: String)
  /// The file exists but is not a readable HDF5 file (truncated or corrupted).
  case notHDF5(path: String)
  /// A required dataset or attribute is missing.
  case missing(path: String, object: String)
  /// A dataset or attribute has the wrong shape or type.
  case wrongLayout(path: String, object: String, problem: String)
  /// The file declares another format or a newer format version.
  case unsupportedFormat(path: String, found: String)
  /// An HDF5 call failed.
  case hdf5(path: String, operation: String)
  /// Writing failed (directory missing, disk full, permissions).
  case writeFailed(path: String, reason: String)
  /// A table of measurements has a problem at this line (nil: the table as a whole);
  /// the problem says what and how to fix it.
  case badTable(path: String, line: Int?, problem: String)

  public var description: String {
    switch self {
    case .fileNotFound(let path):
      return "\(path): no such file; check the path, or make one with 'noether generate'."
    case .notHDF5(let path):
      return "\(path): not a readable HDF5 file (truncated or corrupted); regenerate it."
    case .missing(let path, let object):
      return "\(path): missing '\(object)'; the file does not follow docs/hdf5-schema.md."
    case .wrongLayout(let path, let object, let problem):
      return "\(path): '\(object)' \(problem); see docs/hdf5-schema.md."
    case .unsupportedFormat(let path, let found):
      return "\(path): format \(found) is not one this version of Noether reads."
    case .hdf5(let path, let operation):
      return "\(path): HDF5 failed to \(operation); the file may be corrupted."
    case .writeFailed(let path, let reason):
      return "\(path): cannot write: \(reason)."
    case .badTable(let path, let line, let problem):
      return "\(path)\(line.map { ":\($0)" } ?? ""): \(problem)."
    }
  }
}
