import Foundation

/// Runs `write` on a temporary file beside `path`, then renames it into place, so
/// that a crash, a kill or an error never leaves a half-written file where a good one
/// was. On failure the temporary file is removed and the error rethrown.
///
/// When `path` is a symbolic link its target is written (the link stays); an existing
/// file keeps its permission bits; an existing object that is not a regular file (a
/// directory, a device, a FIFO, a socket) is never replaced. Temporary files that a
/// killed writer of the same file left behind (their process has exited) are removed.
public func writeAtomically(to path: String, _ write: (String) throws -> Void) throws {
  let target = resolvedOutputPath(path)
  let url = URL(fileURLWithPath: target)
  let directory = url.deletingLastPathComponent().path
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
  else {
    throw StoreError.writeFailed(path: path, reason: "directory \(directory) does not exist")
  }
  var existing = stat()
  let exists = stat(target, &existing) == 0
  if exists && (existing.st_mode & S_IFMT) != S_IFREG {
    throw StoreError.writeFailed(
      path: path,
      reason:
        "it exists and is not a regular file (\(fileKind(existing.st_mode))); Noether replaces only files")
  }
  removeLeftoverTemporaries(of: url.lastPathComponent, in: directory)
  let temporary =
    directory + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
  do {
    try write(temporary)
    if exists { chmod(temporary, existing.st_mode & 0o7777) }
    guard rename(temporary, target) == 0 else {
      throw StoreError.writeFailed(path: path, reason: String(cString: strerror(errno)))
    }
  } catch {
    unlink(temporary)
    throw error
  }
}

/// `path`, or the file its chain of symbolic links ends at (relative links resolved
/// against their directory); a dangling link's target is returned as it is named.
public func resolvedOutputPath(_ path: String) -> String {
  var current = path
  for _ in 0..<32 {
    guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
      return current
    }
    current =
      destination.hasPrefix("/")
      ? destination : parentPath(of: current) + "/" + destination
  }
  return current
}

/// `a directory`, `a character device`, `a FIFO`, … : what a `stat` mode that is not a
/// regular file names, for an error message.
public func fileKind(_ mode: mode_t) -> String {
  switch mode & S_IFMT {
  case S_IFDIR: return "a directory"
  case S_IFCHR: return "a character device"
  case S_IFBLK: return "a block device"
  case S_IFIFO: return "a FIFO"
  case S_IFSOCK: return "a socket"
  default: return "not a regular file"
  }
}

/// Removes `.NAME.PID.R.tmp` files in `directory` whose process PID no longer runs.
func removeLeftoverTemporaries(of name: String, in directory: String) {
  let prefix = "." + name + "."
  guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
  for file in files where file.hasPrefix(prefix) && file.hasSuffix(".tmp") {
    let middle = file.dropFirst(prefix.count).dropLast(4).split(separator: ".")
    guard middle.count == 2, let pid = Int32(middle[0]) else { continue }
    if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
      unlink(directory + "/" + file)
    }
  }
}

/// Writes `contents` to `path` as ``writeAtomically(to:_:)`` does.
/// - Throws: `StoreError.writeFailed` naming the path and the system's reason.
public func writeAtomically(_ contents: Data, to path: String) throws {
  try writeAtomically(to: path) { temporary in
    guard FileManager.default.createFile(atPath: temporary, contents: contents) else {
      throw StoreError.writeFailed(path: path, reason: String(cString: strerror(errno)))
    }
  }
}

/// The directory `path` is in: what comes before its last `/` (trailing slashes not
/// counted), `/` for a name in the root, and `.` for a bare name (`pend.h5`, `x`).
/// (Foundation's `deletingLastPathComponent` traps on a one-character bare name.)
public func parentPath(of path: String) -> String {
  var trimmed = Substring(path)
  while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
  guard let slash = trimmed.lastIndex(of: "/") else { return "." }
  return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
}
