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
    let page = try writeReport(records, to: out)
    printError("wrote \(page)")
  }
}

/// Writes `records` as `directory/index.html` and every figure as an SVG file in
/// `directory/figures/` (each written atomically); returns the page's path.
func writeReport(_ records: [ComparisonRecord], to directory: String) throws -> String {
  let figures = (directory as NSString).appendingPathComponent("figures")
  var isDirectory: ObjCBool = false
  if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
    throw CommandLineError("'\(directory)' exists and is not a directory; choose another --out.")
  }
  do {
    try FileManager.default.createDirectory(atPath: figures, withIntermediateDirectories: true)
  } catch {
    throw CommandLineError("cannot create the report directory '\(directory)': \(error.localizedDescription)")
  }
  let report = HTMLReport(records)
  let page = (directory as NSString).appendingPathComponent("index.html")
  var files = [(page, report.html)]
  files += report.figureFiles.map { ((figures as NSString).appendingPathComponent($0.fileName), $0.svg) }
  for (path, text) in files {
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw CommandLineError("cannot write '\(path)': \(error.localizedDescription)")
    }
  }
  return page
}
