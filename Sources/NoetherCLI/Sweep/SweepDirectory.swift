import Foundation
import NoetherStore

/// A sweep's directory (docs/sweeps.md): `manifest.json`, and in `tasks/` per task
/// `task-K.h5` (its results file, written atomically), `task-K.failed` (why it failed)
/// and `task-K.lock` (held while a process runs it); Slurm's logs in `logs/`.
public struct SweepDirectory: Sendable {
  public let path: String

  public init(_ path: String) { self.path = (path as NSString).standardizingPath }

  public var manifestPath: String { path + "/manifest.json" }
  public var tasksPath: String { path + "/tasks" }
  public var logsPath: String { path + "/logs" }
  public var batchScriptPath: String { path + "/sweep.sbatch" }

  /// `tasks/task-00007` without an extension.
  func stem(_ index: Int) -> String {
    let digits = String(index)
    return tasksPath + "/task-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
  }
  public func resultsPath(_ index: Int) -> String { stem(index) + ".h5" }
  public func failurePath(_ index: Int) -> String { stem(index) + ".failed" }
  public func lockPath(_ index: Int) -> String { stem(index) + ".lock" }

  /// Writes `plan` as the manifest and makes `tasks/` and `logs/`. A directory that
  /// holds the same plan is left as it is (its finished tasks are kept).
  /// - Throws: `CommandLineError` when the directory holds another sweep, or cannot be
  ///   made or written.
  public func create(_ plan: SweepPlan) throws {
    if FileManager.default.fileExists(atPath: manifestPath) {
      let existing = try readPlan()
      guard existing == plan else {
        throw CommandLineError(
          "'\(path)' already holds another sweep's manifest.json; choose another --out or remove that directory."
        )
      }
      return
    }
    do {
      for folder in [path, tasksPath, logsPath] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      let data = try encoder.encode(plan)
      try writeAtomically(data, to: manifestPath)
    } catch let error as CommandLineError {
      throw error
    } catch {
      throw CommandLineError("cannot write the sweep into '\(path)': \(error).")
    }
  }

  /// The manifest.
  /// - Throws: `CommandLineError` when it is missing or not a manifest this version reads.
  public func readPlan() throws -> SweepPlan {
    guard let data = FileManager.default.contents(atPath: manifestPath) else {
      throw CommandLineError(
        "'\(path)' has no readable manifest.json; make one with `noether sweep plan SPEC --out \(path)`.")
    }
    guard let plan = try? JSONDecoder().decode(SweepPlan.self, from: data),
      plan.format == SweepPlan.formatName
    else {
      throw CommandLineError(
        "'\(manifestPath)' is not a sweep manifest (or is damaged); plan the sweep again.")
    }
    guard plan.version <= SweepPlan.formatVersion else {
      throw CommandLineError(
        "'\(manifestPath)' is a version \(plan.version) manifest; this Noether reads version \(SweepPlan.formatVersion)."
      )
    }
    return plan
  }

  /// The task's state as the files show it now.
  public func state(of index: Int) -> SweepTaskState {
    if FileManager.default.fileExists(atPath: resultsPath(index)) {
      if let reason = failureReason(index) { return .failed(reason) }
      return .done
    }
    if let reason = failureReason(index) { return .failed(reason) }
    if SweepTaskLock.isHeld(at: lockPath(index)) { return .running }
    return .missing
  }

  func failureReason(_ index: Int) -> String? {
    guard let data = FileManager.default.contents(atPath: failurePath(index)) else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// Where a task stands.
public enum SweepTaskState: Sendable, Equatable {
  case done
  case failed(String)
  /// Its lock is held: a process is running it now.
  case running
  /// Not run yet, or its process was killed before it wrote its results.
  case missing

  public var label: String {
    switch self {
    case .done: return "done"
    case .failed: return "failed"
    case .running: return "running"
    case .missing: return "missing"
    }
  }
}
