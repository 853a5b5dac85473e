import Foundation

/// Runs `write` on a temporary file beside `path`, then renames it into place, so
/// that a crash or an error never leaves a half-written file where a good one was.
/// On failure the temporary file is removed and the error rethrown.
public func writeAtomically(to path: String, _ write: (String) throws -> Void) throws {
  let url = URL(fileURLWithPath: path)
  let directory = url.deletingLastPathComponent().path
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
  else {
    throw StoreError.writeFailed(path: path, reason: "directory \(directory) does not exist")
  }
  let temporary =
    directory + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
  do {
    try write(temporary)
    guard rename(temporary, path) == 0 else {
      throw StoreError.writeFailed(path: path, reason: String(cString: strerror(errno)))
    }
  } catch {
    unlink(temporary)
    throw error
  }
}
