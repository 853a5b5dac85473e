import ArgumentParser
import Foundation
import NoetherCompare

/// `noether sweep collect DIR`: one merged results file and one table per cell.
struct SweepCollectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "collect",
    abstract:
      "Merge a sweep's finished tasks: one results file, one table per system, noise level and size, paired by seed."
  )

  @Argument(help: "The sweep's directory.")
  var directory: String

  @Option(help: "The merged HDF5 results file (default: DIR/sweep-results.h5).")
  var out: String?

  @Option(help: "Also write an HTML report with the noise and size curves into this directory.")
  var report: String?

  @Flag(help: "Print the tables as JSON (one object per cell) instead of text.")
  var json = false

  func run() throws {
    let sweep = SweepDirectory(directory)
    try OutputPath.check(out ?? sweep.path + "/sweep-results.h5", option: "--out")
    if let report { try OutputPath.checkDirectory(report, option: "--report") }
    let (results, leftOut) = try SweepCollector(directory: sweep).collect()
    let path = out ?? sweep.path + "/sweep-results.h5"
    try cliResult { try SweepResultsFile.write(results, to: path) }
    printError("wrote \(path)")
    if let report {
      let page = try cliResult {
        try ReportWriter.writeHTML(
          results.cells.map(\.record), to: report, titles: results.cells.map(\.title),
          leadFigures: SweepFigures(results).all,
          leadTitle: "Sweep '\(results.name)': noise and data-size curves")
      }
      printError("wrote \(page)")
    }
    let plan = try sweep.readPlan()
    let excluded = Set(leftOut.map(\.index))
    let failedInTables = plan.tasks.map(\.index).filter { index in
      guard case .failed = sweep.state(of: index) else { return false }
      return !excluded.contains(index)
    }
    if !failedInTables.isEmpty {
      printError(
        "warning: in \(failedInTables.count) tasks no method completed (\(failedInTables.prefix(10).map(String.init).joined(separator: ", "))\(failedInTables.count > 10 ? ", …" : "")); their runs are in the tables as failed, with the reasons."
      )
    }
    if !leftOut.isEmpty {
      let listed = leftOut.prefix(10).map { "\($0.index) (\($0.state.label))" }.joined(separator: ", ")
      printError(
        "warning: \(leftOut.count) tasks are not in the tables: \(listed)\(leftOut.count > 10 ? ", …" : ""); `noether sweep status \(sweep.path)` says why."
      )
    }
    print(json ? try Self.json(results) : Self.tables(results))
  }

  /// Each cell's title and its table, as `compare` prints them.
  static func tables(_ results: SweepResults) -> String {
    results.cells.map { "## \($0.title)\n\n" + ComparisonReport($0.record).table }.joined(separator: "\n\n")
  }

  /// One JSON object per cell: `system`, `noise`, `training_trajectories`, `points`,
  /// `seeds`, and the comparison's JSON (`methods`, `paired`, …) as `compare --json`.
  static func json(_ results: SweepResults) throws -> String {
    let cells = results.cells.map { cell -> [String: Any] in
      var object = ComparisonReport(cell.record).jsonObject
      object["system"] = cell.record.systemName
      object["noise"] = cell.record.noise
      object["training_trajectories"] = cell.trajectories
      object["points"] = cell.points
      object["seeds"] = cell.record.seeds.map { Int($0) }
      return object
    }
    let data = try JSONSerialization.data(
      withJSONObject: ["sweep": results.name, "cells": cells], options: [.sortedKeys, .prettyPrinted])
    return String(decoding: data, as: UTF8.self)
  }
}
