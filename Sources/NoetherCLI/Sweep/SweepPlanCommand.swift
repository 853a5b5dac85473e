import ArgumentParser
import Foundation

/// `noether sweep plan SPEC --out DIR`: expands a spec into a manifest of tasks.
struct SweepPlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Expand a sweep spec (JSON, docs/sweeps.md) into a manifest of independent tasks in DIR.")

  @Argument(help: "The sweep spec, a JSON file.")
  var spec: String

  @Option(help: "The sweep's directory (created; it must not hold another sweep).")
  var out: String

  func run() throws {
    let parsed = try SweepSpec.read(from: spec)
    let directory = SweepDirectory(out)
    let name = ((spec as NSString).lastPathComponent as NSString).deletingPathExtension
    let plan = try SweepPlan(parsed, name: name)
    try directory.create(plan)
    print(
      "planned \(plan.tasks.count) tasks in \(plan.cells.count) cells into \(directory.path); run them with `noether sweep run \(directory.path) --workers N` or `noether sweep submit \(directory.path)`"
    )
  }
}
