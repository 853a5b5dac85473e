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
      DiscoverCommand.self, CheckCommand.self, ImportCommand.self, SweepCommand.self,
      TrainingLawsCommand.self,
      ProbeFileCommand.self,
    ])

  public init() {}

  /// Parses the command line and runs the command. Noether's own errors are printed
  /// on one line: text they quote from a file (a format name, a system name) may hold
  /// line breaks or other control characters, which are printed escaped (`OneLineError`).
  /// Usage errors and help are printed as ArgumentParser prints them.
  public static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let fromArgumentParser = String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
      exit(withError: fromArgumentParser ? error : OneLineError(message(for: error)))
    }
  }
}
