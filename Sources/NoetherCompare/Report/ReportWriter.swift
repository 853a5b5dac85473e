import Foundation
import NoetherCore

/// Writes comparisons' results where people and programs read them: the HDF5 results
/// file (``ResultsFile``) and the HTML report with its figure files (``HTMLReport``).
public enum ReportWriter {
  /// A report directory that cannot be made or written; the message names the path.
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  /// Writes `records` as `directory/index.html` and every figure as an SVG file in
  /// `directory/figures/` (each written atomically); returns the page's path.
  /// - Throws: ``Failure`` naming the path that could not be made or written.
  @discardableResult
  public static func writeHTML(
    _ records: [ComparisonRecord], to directory: String, titles: [String]? = nil,
    leadFigures: [ResultFigures.Figure] = [],
    leadTitle: String = "Across comparisons"
  ) throws -> String {
    let figures = (directory as NSString).appendingPathComponent("figures")
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
      throw Failure(description: "'\(directory)' exists and is not a directory; choose another --out.")
    }
    do {
      try FileManager.default.createDirectory(atPath: figures, withIntermediateDirectories: true)
    } catch {
      throw Failure(
        description: "cannot create the report directory '\(directory)': \(error.localizedDescription)")
    }
    let report = HTMLReport(records, titles: titles, leadFigures: leadFigures, leadTitle: leadTitle)
    let page = (directory as NSString).appendingPathComponent("index.html")
    var files = [(page, report.html)]
    files += report.figureFiles.map { ((figures as NSString).appendingPathComponent($0.fileName), $0.svg) }
    for (path, text) in files {
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
      } catch {
        throw Failure(description: "cannot write '\(path)': \(error.localizedDescription)")
      }
    }
    return page
  }

  /// The results file of one level of a noise sweep: `base` with `-noise-<σ>` before `.h5`.
  public static func sweepPath(_ base: String, noise: Double) -> String {
    base.hasSuffix(".h5") ? String(base.dropLast(3)) + "-noise-\(noise).h5" : base + "-noise-\(noise)"
  }
}
