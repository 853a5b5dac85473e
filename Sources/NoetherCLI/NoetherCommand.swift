import ArgumentParser

/// The `noether` command tree. Run it from any executable, after registering
/// extra systems with ``SystemRegistry``.
public struct NoetherCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "noether",
    abstract: "Learn dynamical systems that keep their conservation laws.",
    version: "0.1.0",
    subcommands: [SystemsCommand.self, GenerateCommand.self, InspectCommand.self, CompareCommand.self])

  public init() {}
}
