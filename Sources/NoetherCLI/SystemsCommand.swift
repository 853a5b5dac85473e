import ArgumentParser
import NoetherCompare
import NoetherCore

/// `noether systems`: the registered systems with their dimension and invariants.
struct SystemsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "systems", abstract: "List the registered systems, their dimensions and invariants.")

  func run() throws {
    print(SystemsCommand.table(SystemRegistry.shared.all))
  }

  /// The table printed by the command.
  static func table(_ entries: [RegisteredSystem]) -> String {
    let rows = entries.map { entry -> [String] in
      let s = entry.system
      let p = s.referenceProtocol
      let invariants =
        (s.invariants.map { "\($0.name) = \($0.formula)" }
        + s.balanceLaws.map { "d/dt \($0.name) = \($0.sourceFormula) (\($0.name) = \($0.quantity.formula))" })
        .joined(separator: "; ")
      return [
        s.name, "\(s.dimension)", invariants.isEmpty ? "none known" : invariants,
        "\(p.trajectoryCount) × \(p.pointCount) on [0, \(NumberFormat.short(p.duration))]",
      ]
    }
    return TextTable(header: ["system", "dimension", "invariants", "reference data"], rows: rows).rendered
  }
}
