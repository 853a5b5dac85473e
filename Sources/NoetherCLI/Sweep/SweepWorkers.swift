import Foundation

/// Runs a sweep on local processes: `count` children of the `noether` executable, each
/// running `noether sweep run DIR` (every pending task, one at a time; the task locks
/// keep them apart), so each worker has one core.
public struct SweepWorkers: Sendable {
  public var executable: String
  public var directory: SweepDirectory
  public var count: Int
  public var retryFailed = false
  /// Workers print no per-task lines.
  public var quiet = false

  public init(executable: String, directory: SweepDirectory, count: Int) {
    self.executable = executable
    self.directory = directory
    self.count = count
  }

  /// This process's executable (Linux: `/proc/self/exe`), or `NOETHER_EXECUTABLE`.
  public static var currentExecutable: String {
    if let path = ProcessInfo.processInfo.environment["NOETHER_EXECUTABLE"], !path.isEmpty { return path }
    return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
  }

  /// Starts the workers and waits for all of them.
  /// - Returns: the exit status of each worker.
  /// - Throws: `CommandLineError` when a worker cannot be started.
  public func run() throws -> [Int32] {
    var processes = [Process]()
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_NUM_THREADS"] = "1"
    for _ in 0..<count {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments =
        ["sweep", "run", directory.path] + (retryFailed ? ["--retry-failed"] : [])
        + (quiet ? ["--quiet"] : [])
      process.environment = environment
      do {
        try process.run()
      } catch {
        processes.forEach { $0.terminate() }
        throw CommandLineError("cannot start a worker '\(executable)': \(error.localizedDescription).")
      }
      processes.append(process)
    }
    return processes.map { process in
      process.waitUntilExit()
      return process.terminationStatus
    }
  }
}
