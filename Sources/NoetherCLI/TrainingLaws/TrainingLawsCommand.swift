import ArgumentParser

/// `noether training-laws`: the conservation laws of training itself. Without a
/// subcommand it counts them (`count`).
struct TrainingLawsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "training-laws",
    abstract:
      "Conservation laws of a network's training: count them (the Lie-algebra rank), measure their drift under optimisers, record runs for discovery, follow the adjoint through depth.",
    subcommands: [
      TrainingCountCommand.self, TrainingMeasureCommand.self, TrainingRecordCommand.self,
      TrainingDepthCommand.self,
      TrainingReportCommand.self, TrainingSymmetryCommand.self,
    ],
    defaultSubcommand: TrainingCountCommand.self)
}
