import ArgumentParser

/// `noether sweep submit DIR`: the sweep as a Slurm job array.
struct SweepSubmitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "submit",
    abstract:
      "Submit a planned sweep to Slurm as a job array (one array task per pending task) and print the job id."
  )

  @Argument(help: "The sweep's directory (on a filesystem every node sees).")
  var directory: String

  @Option(help: "The Slurm partition (default: the cluster's default).")
  var partition: String?

  @Option(help: "Most array tasks running at once (the array's %M).")
  var maxRunning: Int?

  @Option(help: "Time limit per task, in Slurm's format (e.g. 01:00:00).")
  var time: String?

  @Option(
    help: "The noether binary the nodes run (default: this one; it must be at that path on every node).")
  var executable: String?

  @Flag(help: "Wait until every array task has ended (sbatch --wait), then print the sweep's status.")
  var wait = false

  func validate() throws {
    if let maxRunning, !(1...100_000).contains(maxRunning) {
      throw ValidationError("--max-running must be in 1…100000, got \(maxRunning).")
    }
  }

  func run() throws {
    let sweep = SweepDirectory(directory)
    let plan = try sweep.readPlan()
    let pending = plan.tasks.map(\.index).filter { sweep.state(of: $0) != .done }
    guard !pending.isEmpty else {
      print(
        "every task of '\(sweep.path)' is done; nothing to submit (`noether sweep collect \(sweep.path)`).")
      return
    }
    var submission = SlurmSubmission(
      directory: sweep, executable: executable ?? SweepWorkers.currentExecutable, tasks: pending)
    submission.partition = partition
    submission.maximumRunning = maxRunning
    submission.timeLimit = time
    submission.jobName = "noether-\(plan.name)"
    let job = try submission.submit(wait: wait)
    print(job)
    if wait {
      let done = plan.tasks.filter { sweep.state(of: $0.index) == .done }.count
      printError("[sweep] job \(job) ended: \(done) of \(plan.tasks.count) tasks done")
      if done < plan.tasks.count {
        throw CommandLineError(
          "job \(job) ended with \(plan.tasks.count - done) tasks not done; `noether sweep status \(sweep.path)` says why (logs in \(sweep.logsPath))."
        )
      }
    }
  }
}
