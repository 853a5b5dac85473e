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

  @Argument(help: "One or more results files; each becomes a section of the page.")
  var files: [String]

  @Option(help: "The directory to write index.html into (created if missing).")
  var out = "report"

  func validate() throws {
    if files.isEmpty { throw ValidationError("name at least one results file.") }
  }

  func run() throws {
    let records = try files.map { path in try cliResult { try ResultsFile.read(from: path) } }
    let page = try writeReport(records, to: out)
    printError("wrote \(page)")
  }
}

/// Writes `records` as `directory/index.html` (atomically) and returns the page's path.
func writeReport(_ records: [ComparisonRecord], to directory: String) throws -> String {
  do {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  } catch {
    throw CommandLineError("cannot create the report directory '\(directory)': \(error.localizedDescription)")
  }
  let page = (directory as NSString).appendingPathComponent("index.html")
  do {
    try Data(HTMLReport(records).html.utf8).write(to: URL(fileURLWithPath: page), options: .atomic)
  } catch {
    throw CommandLineError("cannot write '\(page)': \(error.localizedDescription)")
  }
  return page
}
