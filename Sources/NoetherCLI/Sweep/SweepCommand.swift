import ArgumentParser

/// `noether sweep`: grids of comparisons (systems × noise × sizes × seeds), planned into
/// independent tasks, run in one process, on local workers or as a Slurm job array, and
/// collected into one results file (docs/sweeps.md).
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Run a grid of comparisons: plan it, run it (here, on local workers or on Slurm), collect it.",
    subcommands: [
      SweepPlanCommand.self, SweepRunCommand.self, SweepSubmitCommand.self, SweepStatusCommand.self,
      SweepCollectCommand.self,
    ])
}
