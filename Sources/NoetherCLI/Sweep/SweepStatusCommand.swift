import ArgumentParser
import Foundation
import NoetherCompare
import NoetherCore

/// `noether sweep status DIR`: done, failed, running and missing tasks, with reasons.
struct SweepStatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show which tasks of a sweep are done, failed (and why), running or missing.")

  @Argument(help: "The sweep's directory.")
  var directory: String

  @Flag(help: "List every task, not only those not done.")
  var all = false

  @Flag(
    help:
      "Print the states as JSON: {\"done\": [K…], \"failed\": {\"K\": reason}, \"running\": […], \"missing\": […]}."
  )
  var json = false

  func run() throws {
    let sweep = SweepDirectory(directory)
    let plan = try sweep.readPlan()
    let states = plan.tasks.map { ($0, sweep.state(of: $0.index)) }
    if json {
      var failed = [String: String]()
      for (task, state) in states {
        if case .failed(let reason) = state { failed["\(task.index)"] = reason }
      }
      func indices(_ label: String) -> [Int] { states.filter { $0.1.label == label }.map(\.0.index) }
      let object: [String: Any] = [
        "done": indices("done"), "running": indices("running"), "missing": indices("missing"),
        "failed": failed,
      ]
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
      print(String(decoding: data, as: UTF8.self))
      return
    }
    print(Self.summary(plan: plan, states: states.map(\.1), path: sweep.path))
    let shown = states.filter { all || $0.1 != .done }
    if !shown.isEmpty {
      let rows = shown.map { task, state -> [String] in
        var reason = ""
        if case .failed(let text) = state {
          reason = text.count > 120 ? String(text.prefix(119)) + "…" : text
        }
        return [
          "\(task.index)", state.label, task.cell.system, NumberFormat.short(task.cell.noise),
          "\(task.cell.trajectories)",
          "\(task.cell.points)", "\(task.seed)", reason,
        ]
      }
      print(
        TextTable(
          header: ["task", "state", "system", "noise", "trajectories", "points", "seed", "reason"], rows: rows
        ).rendered)
    }
  }

  /// `sweep 'name' in DIR: 16 tasks: 14 done, 1 failed, 0 running, 1 missing`.
  static func summary(plan: SweepPlan, states: [SweepTaskState], path: String) -> String {
    let counts = ["done", "failed", "running", "missing"].map { label in
      "\(states.filter { $0.label == label }.count) \(label)"
    }
    return "sweep '\(plan.name)' in \(path): \(plan.tasks.count) tasks: \(counts.joined(separator: ", "))"
  }
}
