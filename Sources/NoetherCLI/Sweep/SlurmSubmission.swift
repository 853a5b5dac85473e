import Foundation
import NoetherStore

/// A sweep as a Slurm job array: an sbatch script whose array task K runs
/// `noether sweep run DIR --task K`, submitted with `sbatch --parsable`.
public struct SlurmSubmission: Sendable {
  public var directory: SweepDirectory
  /// The `noether` binary every node runs (an absolute path on a shared filesystem).
  public var executable: String
  /// The task indices to submit (default: those not done).
  public var tasks: [Int]
  public var partition: String?
  /// Most array tasks running at once (`%M`); nil: no limit.
  public var maximumRunning: Int?
  /// Slurm's time limit per task (`--time`), e.g. `00:30:00`.
  public var timeLimit: String?
  public var jobName = "noether-sweep"

  public init(directory: SweepDirectory, executable: String, tasks: [Int]) {
    self.directory = directory
    self.executable = executable
    self.tasks = tasks
  }

  /// `0-15`, or `2,5-7,9` for scattered indices; then `%M`.
  public var arraySpec: String {
    var parts = [String]()
    var k = 0
    let sorted = tasks.sorted()
    while k < sorted.count {
      var end = k
      while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
      parts.append(end == k ? "\(sorted[k])" : "\(sorted[k])-\(sorted[end])")
      k = end + 1
    }
    return parts.joined(separator: ",") + (maximumRunning.map { "%\($0)" } ?? "")
  }

  /// The sbatch script.
  public var script: String {
    var lines = [
      "#!/bin/bash",
      "# Written by `noether sweep submit`: array task K runs task K of this sweep.",
      "#SBATCH --job-name=\(jobName)",
      "#SBATCH --array=\(arraySpec)",
      "#SBATCH --ntasks=1",
      "#SBATCH --cpus-per-task=1",
      "#SBATCH --output=\(directory.logsPath)/task-%a.log",
    ]
    if let partition { lines.append("#SBATCH --partition=\(partition)") }
    if let timeLimit { lines.append("#SBATCH --time=\(timeLimit)") }
    lines += [
      "export OPENBLAS_NUM_THREADS=1",
      "exec \(Self.quoted(executable)) sweep run \(Self.quoted(directory.path)) --task \"$SLURM_ARRAY_TASK_ID\"",
      "",
    ]
    return lines.joined(separator: "\n")
  }

  /// Writes the script into the sweep's directory and submits it.
  /// - Parameter wait: passes `--wait`: returns when every array task has ended.
  /// - Returns: the job id that sbatch printed.
  /// - Throws: `CommandLineError` when sbatch is missing or refuses the job (its message).
  public func submit(wait: Bool = false) throws -> String {
    let path = directory.batchScriptPath
    try FileManager.default.createDirectory(atPath: directory.logsPath, withIntermediateDirectories: true)
    try cliResult { try writeAtomically(Data(script.utf8), to: path) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sbatch", "--parsable"] + (wait ? ["--wait"] : []) + [path]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw CommandLineError(
        "cannot run sbatch: \(error.localizedDescription); is Slurm installed (scripts/slurm-local)?")
    }
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let jobID = printed.split(separator: "\n").first.map { String($0.split(separator: ";")[0]) } ?? ""
    guard process.terminationStatus == 0 || (wait && !jobID.isEmpty) else {
      let message =
        complaint.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
      throw CommandLineError("sbatch refused the sweep '\(path)': \(message)")
    }
    guard !jobID.isEmpty else {
      throw CommandLineError(
        "sbatch printed no job id for '\(path)'; is Slurm installed (scripts/slurm-local)?")
    }
    return jobID
  }

  /// `text` in single quotes for the shell.
  static func quoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
