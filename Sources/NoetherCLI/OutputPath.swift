import Foundation
import NoetherStore

/// Checks, before any work starts, that an output path can take the file a command
/// will write: not empty, not a directory or device, in a directory that exists and
/// can be written, and not one of the command's input files. Each failure is one
/// line naming the option, the path, the problem (with the system's reason) and the fix.
enum OutputPath {
  /// - Parameters:
  ///   - option: the option's name for the message (`--out`).
  ///   - inputs: the command's input files; writing over one of them is refused.
  static func check(_ path: String, option: String, inputs: [String] = []) throws {
    guard !path.isEmpty else { throw CommandLineError("\(option) is empty; name the file to write.") }
    let target = resolvedOutputPath(path)
    var info = stat()
    if stat(target, &info) == 0 {
      guard (info.st_mode & S_IFMT) == S_IFREG else {
        throw CommandLineError(
          "\(option) '\(path)' is \(fileKind(info.st_mode)), not a regular file; name a regular file to write."
        )
      }
      for input in inputs {
        var other = stat()
        if stat(input, &other) == 0, other.st_dev == info.st_dev, other.st_ino == info.st_ino {
          throw CommandLineError(
            "\(option) '\(path)' is the input file '\(input)'; name another file to write.")
        }
      }
    }
    let directory = parentPath(of: target)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw CommandLineError(
        "\(option) '\(path)': the directory '\(directory)' does not exist; create it first.")
    }
    // A probe file, as the atomic write will make beside the output: it finds read-only
    // mounts, /proc and permissions alike, with the system's reason.
    let probe = directory + "/.noether-probe.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(probe, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      let code = errno
      throw CommandLineError(
        "\(option) '\(path)': cannot write in '\(directory)': \(String(cString: strerror(code))) (errno \(code)); choose a writable place."
      )
    }
    close(fd)
    unlink(probe)
  }

  /// Checks an output directory (a report's): made if missing, so its parent must allow it.
  static func checkDirectory(_ path: String, option: String) throws {
    guard !path.isEmpty else { throw CommandLineError("\(option) is empty; name the directory to write.") }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw CommandLineError("\(option) '\(path)' exists and is not a directory; choose another.")
      }
      guard access(path, W_OK | X_OK) == 0 else {
        throw CommandLineError(
          "\(option) '\(path)': cannot write in it: \(String(cString: strerror(errno))) (errno \(errno)); choose a writable place."
        )
      }
      return
    }
    let parent = parentPath(of: path)
    guard access(parent, W_OK | X_OK) == 0 || !FileManager.default.fileExists(atPath: parent) else {
      throw CommandLineError(
        "\(option) '\(path)': cannot create it in '\(parent)': \(String(cString: strerror(errno))) (errno \(errno)); choose a writable place."
      )
    }
  }
}
