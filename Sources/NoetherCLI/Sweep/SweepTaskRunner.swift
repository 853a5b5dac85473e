import Foundation
import NoetherCompare
import NoetherCore
import NoetherStore

/// Runs a sweep's tasks in this process, one at a time: takes a task's lock, skips it
/// when it is done (or failed, unless `retryFailed`), runs its comparison with the
/// methods one after another (one core per process; workers give the parallelism), and
/// writes its results file atomically. A failure is recorded in `task-K.failed`.
public struct SweepTaskRunner: Sendable {
  public let directory: SweepDirectory
  public let plan: SweepPlan
  public var retryFailed = false
  /// Called with one line per task (started, done, skipped, failed).
  public var log: @Sendable (String) -> Void = { _ in }

  public init(directory: SweepDirectory) throws {
    self.directory = directory
    plan = try directory.readPlan()
  }

  /// What happened to one task.
  public enum Outcome: Sendable, Equatable {
    case ran
    case failed(String)
    case skippedDone
    case skippedFailed
    /// Another process holds its lock.
    case busy
  }

  /// Runs the task with this index.
  /// - Throws: `CommandLineError` for an index outside the manifest or a directory that
  ///   cannot be written.
  @discardableResult
  public func run(task index: Int) throws -> Outcome {
    guard plan.tasks.indices.contains(index) else {
      throw CommandLineError(
        "task \(index) is not in the sweep '\(directory.path)'; it has tasks 0…\(plan.tasks.count - 1).")
    }
    let task = plan.tasks[index]
    guard let lock = try SweepTaskLock(path: directory.lockPath(index)) else { return .busy }
    defer { withExtendedLifetime(lock) {} }
    switch directory.state(of: index) {
    case .done:
      return .skippedDone
    case .failed where !retryFailed:
      return .skippedFailed
    default:
      break
    }
    unlink(directory.failurePath(index))
    log("\(task.label): started")
    let start = Date()
    do {
      var request = task.request
      var dataset: TrajectoryDataset?
      if let record = task.cell.record {  // read as `compare --data` reads it
        dataset = try SweepRecords.read(record, derivatives: request.derivatives).dataset
        request.derivatives = nil
      }
      var experiment = try request.experiment(data: dataset)
      experiment.settings.parallel = false
      let record = try ComparisonRunner().run(experiment)
      try ResultsFile.write(record, to: directory.resultsPath(index))
      let completed = record.runs.filter { $0.outcome == .completed }.count
      let seconds = NumberFormat.fixed(Date().timeIntervalSince(start), digits: 1)
      guard completed > 0 else {
        let reasons = record.runs.map { "\($0.method): \($0.outcome.reason ?? $0.outcome.label)" }.joined(
          separator: "; ")
        let reason = "no method completed (\(reasons))"
        try recordFailure(reason, of: index)
        log("\(task.label): failed in \(seconds) s: \(reason)")
        return .failed(reason)
      }
      log("\(task.label): done in \(seconds) s (\(completed) of \(record.runs.count) runs completed)")
      return .ran
    } catch {
      let reason = "\(error)".replacingOccurrences(of: "\n", with: " ")
      try recordFailure(reason, of: index)
      log("\(task.label): failed: \(reason)")
      return .failed(reason)
    }
  }

  /// Runs every task in manifest order, skipping those done or held by another process.
  /// - Returns: the outcome of each task this process looked at, by index.
  public func runAll() throws -> [Int: Outcome] {
    var outcomes = [Int: Outcome]()
    for task in plan.tasks {
      if directory.state(of: task.index) == .done { continue }
      outcomes[task.index] = try run(task: task.index)
    }
    return outcomes
  }

  private func recordFailure(_ reason: String, of index: Int) throws {
    let path = directory.failurePath(index)
    do {
      try writeAtomically(Data((reason + "\n").utf8), to: path)
    } catch {
      throw CommandLineError("cannot record the failure of task \(index) in '\(path)': \(error).")
    }
  }
}
