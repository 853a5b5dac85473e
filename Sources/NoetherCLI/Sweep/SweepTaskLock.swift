import Foundation

/// An exclusive lock on one task: `flock` on its lock file, so two processes (on one
/// machine, or on nodes sharing the directory through a filesystem with `flock`) never
/// run the task at once. The kernel releases it when the holder exits, even by SIGKILL,
/// so a killed worker never leaves the task locked.
final class SweepTaskLock {
  private let descriptor: Int32

  /// Takes the lock without waiting; nil when another process holds it.
  /// - Throws: `CommandLineError` when the lock file cannot be opened.
  init?(path: String) throws {
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw CommandLineError("cannot open the lock file '\(path)': \(String(cString: strerror(errno))).")
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      return nil
    }
    descriptor = fd
  }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }

  /// True when some process holds the lock at `path` now.
  static func isHeld(at path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    if flock(fd, LOCK_SH | LOCK_NB) == 0 {
      flock(fd, LOCK_UN)
      return false
    }
    return true
  }
}
