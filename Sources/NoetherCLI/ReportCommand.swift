import ArgumentParser
import Foundation
import NoetherCompare
import NoetherCore
import NoetherStore

/// `noether report`: draws one or more results files as a self-contained HTML page.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Draw results files (from `noether compare`) as an HTML page with inline SVG figures.")

  @Argument(
    help:
      "Results files (of `noether compare`) or merged sweep files (of `noether sweep collect`); each comparison becomes a section."
  )
  var files: [String]

  @Option(help: "The directory to write index.html and figures/*.svg into (created if missing).")
  var out = "report"

  func validate() throws {
    if files.isEmpty { throw ValidationError("name at least one results file.") }
  }

  func run() throws {
    for path in files { try UntrustedFile.check(path) }
    try OutputPath.checkDirectory(out, option: "--out")
    var records = [ComparisonRecord]()
    var titles = [String]()
    var curves = [ResultFigures.Figure]()
    for path in files {
      if SweepResultsFile.isSweepResultsFile(path) {
        let results = try cliResult { try SweepResultsFile.read(from: path) }
        records += results.cells.map(\.record)
        titles += results.cells.map(\.title)
        curves += SweepFigures(results).all
      } else {
        let record = try cliResult { try ResultsFile.read(from: path) }
        records.append(record)
        titles.append(record.systemName)
      }
    }
    let page = try cliResult {
      try ReportWriter.writeHTML(
        records, to: out, titles: titles, leadFigures: curves, leadTitle: "Sweep: noise and data-size curves")
    }
    printError("wrote \(page)")
  }
}
