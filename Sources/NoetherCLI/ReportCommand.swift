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

  @Option(help: "The directory to write index.html and figures/*.svg into (created if missing).")
  var out = "report"

  func validate() throws {
    if files.isEmpty { throw ValidationError("name at least one results file.") }
  }

  func run() throws {
    for path in files where !FileManager.default.fileExists(atPath: path) {
      throw CommandLineError("\(path): no such file; `noether compare --out FILE.h5` writes results files.")
    }
    let records = try files.map { path in try cliResult { try ResultsFile.read(from: path) } }
    let page = try cliResult { try ReportWriter.writeHTML(records, to: out) }
    printError("wrote \(page)")
  }
}
