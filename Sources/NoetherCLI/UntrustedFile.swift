import Foundation
import NoetherCore
import NoetherStore

/// Checks a file someone hands Noether before the HDF5 library reads it in this
/// process: what it is (missing, a directory, a FIFO or device, empty, unreadable each
/// get their own message), then a structural probe (`noether probe-file`,
/// ``probeHDF5Structure(_:)``) in a child process with a time limit, because Debian's
/// libhdf5 1.10.8 itself segfaults on some corrupted headers and hangs on some damaged
/// files: a crash or hang there becomes a one-line error here.
enum UntrustedFile {
  /// The executable that runs `probe-file`: `NOETHER_EXECUTABLE`, else this process's
  /// own binary when it is a `noether` command tree (not a test runner); nil: no probe.
  static var probeExecutable: String? {
    if let path = ProcessInfo.processInfo.environment["NOETHER_EXECUTABLE"], !path.isEmpty { return path }
    guard let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
      !me.contains("xctest")
    else { return nil }
    return me
  }

  /// Seconds the probe may take (`NOETHER_PROBE_SECONDS`, default 20: well below the 60 s at which a user gives up).
  static var timeLimit: Double {
    ProcessInfo.processInfo.environment["NOETHER_PROBE_SECONDS"].flatMap(Double.init) ?? 20
  }

  /// - Throws: `CommandLineError`, one line naming the file and what is wrong with it.
  static func check(_ path: String) throws {
    var info = stat()
    guard stat(path, &info) == 0 else {
      let code = errno
      if code == ENOENT {
        throw CommandLineError("\(path): no such file; check the path, or make one with 'noether generate'.")
      }
      throw CommandLineError(
        "\(path): cannot be examined: \(String(cString: strerror(code))) (errno \(code)).")
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw CommandLineError(
        "\(path): is \(fileKind(info.st_mode)), not a regular file; Noether reads HDF5 files only.")
    }
    guard info.st_size > 0 else {
      throw CommandLineError("\(path): is empty (0 bytes); it is not an HDF5 file. Regenerate it.")
    }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      let code = errno
      throw CommandLineError(
        "\(path): cannot be read: \(String(cString: strerror(code))) (errno \(code)); check its permissions.")
    }
    close(fd)
    if let executable = probeExecutable { try probe(path, with: executable) }
  }

  /// Runs `executable probe-file path` and turns a crash, a hang or a refusal into an error.
  static func probe(_ path: String, with executable: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    // The probe ends itself a little after our limit, and at once if we die.
    process.arguments = [
      "probe-file", path, "--seconds", "\(Int(timeLimit.rounded(.up)) + 5)", "--parent", "\(getpid())",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return  // no probe possible: read unprotected, as a library caller would
    }
    let deadline = Date().addingTimeInterval(timeLimit)
    while process.isRunning && Date() < deadline { usleep(2_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw CommandLineError(
        "\(path): reading its structure did not finish within \(NumberFormat.short(timeLimit)) s (the HDF5 library hung on it in a separate process, now stopped); the file is damaged. Regenerate it."
      )
    }
    process.waitUntilExit()
    if process.terminationReason == .uncaughtSignal {
      throw CommandLineError(
        "\(path): the HDF5 library crashed (signal \(process.terminationStatus)) reading its structure in a separate process; the file is corrupted. Regenerate it."
      )
    }
    switch process.terminationStatus {
    case 0: return
    case ProbeFileCommand.notHDF5:
      throw CommandLineError("\(path): not a readable HDF5 file (truncated or corrupted); regenerate it.")
    default:
      throw CommandLineError(
        "\(path): HDF5 cannot read some of its objects or attributes; the file is corrupted. Regenerate it.")
    }
  }
}
