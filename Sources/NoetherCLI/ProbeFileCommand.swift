import ArgumentParser
import NoetherStore

/// `noether probe-file PATH` (hidden): the structural probe that ``UntrustedFile`` runs
/// in a child process. Exit 0: the structure reads; 3: not HDF5; 4: some part unreadable.
/// A crash or hang of the HDF5 library ends this process, not its parent.
struct ProbeFileCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe-file", abstract: "Read an HDF5 file's structure (used in a child process).",
    shouldDisplay: false)

  static let notHDF5: Int32 = 3
  static let unreadable: Int32 = 4

  @Argument var path: String

  @Option(help: "Seconds after which this process ends itself.")
  var seconds: UInt32 = 30

  @Option(help: "The parent's process id: this process ends when that one does.")
  var parent: Int32 = 0

  func run() throws {
    if parent > 0 { guardProbeProcess(seconds: max(seconds, 1), parent: parent) }
    switch probeHDF5Structure(path) {
    case 0: return
    case -1: throw ExitCode(Self.notHDF5)
    default: throw ExitCode(Self.unreadable)
    }
  }
}
