import ArgumentParser
import NoetherCore

/// The `noether` command tree. Run it from any executable, after registering
/// extra systems with ``SystemRegistry``.
public struct NoetherCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "noether",
    abstract: "Learn dynamical systems that keep their conservation laws.",
    version: NoetherVersion.string,
    subcommands: [
      SystemsCommand.self, GenerateCommand.self, InspectCommand.self, CompareCommand.self, ReportCommand.self,
      DiscoverCommand.self, SweepCommand.self, ProbeFileCommand.self,
    ])

  public init() {}
}
