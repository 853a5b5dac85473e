import ArgumentParser
import Foundation

/// `noether sweep run DIR [--task K | --workers N]`: runs one task, every pending task
/// in this process, or every pending task on N local worker processes.
struct SweepRunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract:
      "Run a planned sweep's tasks: one (--task K, as Slurm's array tasks do), all in this process, or all on N local workers."
  )

  @Argument(help: "The sweep's directory (from `noether sweep plan`).")
  var directory: String

  @Option(help: "Run only this task (0-based; Slurm passes $SLURM_ARRAY_TASK_ID).")
  var task: Int?

  @Option(help: "Run every pending task on this many local processes (one core each).")
  var workers: Int?

  @Flag(help: "Run again the tasks that failed (by default they are skipped; `sweep status` shows why).")
  var retryFailed = false

  @Flag(help: "No per-task lines.")
  var quiet = false

  func validate() throws {
    if task != nil && workers != nil { throw ValidationError("give --task or --workers, not both.") }
    if let task, task < 0 { throw ValidationError("--task must be ≥ 0, got \(task).") }
    if let workers, !(1...1024).contains(workers) {
      throw ValidationError("--workers must be in 1…1024, got \(workers).")
    }
  }

  func run() throws {
    let sweep = SweepDirectory(directory)
    var runner = try SweepTaskRunner(directory: sweep)
    runner.retryFailed = retryFailed
    let quiet = self.quiet
    runner.log = { line in if !quiet { printError("[sweep] \(line)") } }
    if let task {
      let outcome = try runner.run(task: task)
      if outcome == .busy, !quiet {
        printError("[sweep] task \(task) is running in another process; skipped")
      }
      if case .failed(let reason) = outcome {
        throw CommandLineError("task \(task) of '\(sweep.path)' failed: \(reason)")
      }
      return
    }
    if let workers {
      var pool = SweepWorkers(executable: SweepWorkers.currentExecutable, directory: sweep, count: workers)
      pool.retryFailed = retryFailed
      pool.quiet = quiet
      let statuses = try pool.run()
      try summarize(sweep, plan: runner.plan, workerFailures: statuses.filter { $0 != 0 }.count)
      return
    }
    _ = try runner.runAll()
    try summarize(sweep, plan: runner.plan, workerFailures: 0)
  }

  /// Prints the counts; fails when a task failed or is missing (tasks that another
  /// process is running now are that process's to report).
  private func summarize(_ sweep: SweepDirectory, plan: SweepPlan, workerFailures: Int) throws {
    let states = plan.tasks.map { sweep.state(of: $0.index) }
    let done = states.filter { $0 == .done }.count
    let running = states.filter { $0 == .running }.count
    if !quiet {
      printError(
        "[sweep] \(done) of \(plan.tasks.count) tasks done\(running > 0 ? ", \(running) running in other processes" : "")"
      )
    }
    let unfinished = plan.tasks.count - done - running
    if unfinished > 0 || workerFailures > 0 {
      throw CommandLineError(
        "\(unfinished) of \(plan.tasks.count) tasks of '\(sweep.path)' failed or are missing\(workerFailures > 0 ? " (\(workerFailures) workers exited with an error)" : ""); `noether sweep status \(sweep.path)` says why."
      )
    }
  }
}
