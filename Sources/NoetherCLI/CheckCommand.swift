import ArgumentParser
import Foundation
import NoetherCore

/// `noether check`: a registered system's declarations checked against each other
/// (`SystemCheck`), one line per finding; exits with status 1 when any is a problem.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract:
      "Check a system: the field finite where it samples states, each invariant's gradient against central differences and its conservation by the field, and its drift along a reference trajectory."
  )

  @Option(help: "The system (see `noether systems`).")
  var system: String

  @Option(help: "States sampled for the checks.")
  var samples = 200

  func validate() throws {
    if !(1...1_000_000).contains(samples) {
      throw ValidationError("--samples must be in 1…1000000, got \(samples).")
    }
  }

  func run() throws {
    let entry = try cliResult { try SystemRegistry.shared.entry(named: system) }
    var check = SystemCheck()
    check.sampleCount = samples
    let findings = check.findings(for: entry.system)
    for finding in findings { print("\(system): \(finding)") }
    let problems = findings.filter(\.isProblem).count
    if problems > 0 {
      throw CommandLineError("\(system): \(problems) problem(s) found (the lines above).")
    }
  }
}
