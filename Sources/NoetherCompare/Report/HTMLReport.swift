import Foundation
import NoetherCore
import NoetherPlot

/// A self-contained HTML page (inline SVG and CSS, no scripts, no network) with one
/// section per comparison: its metrics table and the figures of `ResultFigures`.
public struct HTMLReport {
  public let records: [ComparisonRecord]
  /// Each record's figures, drawn once for both the page and the figure files.
  public let figures: [[ResultFigures.Figure]]
  /// Figures drawn across the records, shown first under `leadTitle` (a sweep's curves).
  public let leadFigures: [ResultFigures.Figure]
  public let leadTitle: String
  /// Each record's section heading (default: its system's name).
  public let titles: [String]

  public init(
    _ records: [ComparisonRecord], titles: [String]? = nil, leadFigures: [ResultFigures.Figure] = [],
    leadTitle: String = "Across comparisons"
  ) {
    self.records = records
    self.titles = titles ?? records.map(\.systemName)
    figures = records.map { ResultFigures($0).all }
    self.leadFigures = leadFigures
    self.leadTitle = leadTitle
  }

  /// The page's HTML text.
  public var html: String {
    var page = [
      "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
      "<title>Noether report: \(xmlEscaped(records.map(\.systemName).joined(separator: ", ")))</title>",
      "<style>", Self.style, "</style>", "</head>", "<body>",
      "<h1>Noether comparison report</h1>",
      "<p class=\"note\">Noether \(NoetherVersion.string). Each section is one comparison: the table gives mean ± std over seeds; the figures show the first seed.</p>",
    ]
    if !leadFigures.isEmpty {
      page += ["<section>", "<h2>\(xmlEscaped(leadTitle))</h2>", "<div class=\"figures\">"]
      for figure in leadFigures {
        page += [
          "<figure>", figure.svg, "<figcaption>\(xmlEscaped(figure.caption))</figcaption>", "</figure>",
        ]
      }
      page += ["</div>", "</section>"]
    }
    for (k, (record, figures)) in zip(records, figures).enumerated() {
      page += section(record, figures, title: titles[k])
    }
    page += ["</body>", "</html>"]
    return page.joined(separator: "\n")
  }

  /// Every figure as a stand-alone SVG file: `<system>-<figure name>.svg`, lower case,
  /// with anything other than letters, digits and `-` replaced by `-`. When several
  /// records share a system (a noise sweep), their figures are `<system>-<k>-…`, k
  /// counting that system's records from 1 in page order.
  public var figureFiles: [(fileName: String, svg: String)] {
    var seen = [String: Int]()
    let lead = leadFigures.map { (Self.fileSafe($0.name) + ".svg", $0.svg) }
    return lead
      + zip(records, figures).flatMap { record, figures in
        let system = record.systemName
        seen[system, default: 0] += 1
        let repeated = records.filter { $0.systemName == system }.count > 1
        let prefix = repeated ? "\(system)-\(seen[system]!)" : system
        return figures.map { figure in
          (Self.fileSafe("\(prefix)-\(figure.name)") + ".svg", figure.svg)
        }
      }
  }

  static func fileSafe(_ text: String) -> String {
    String(text.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "-" })
  }

  private func section(_ record: ComparisonRecord, _ figures: [ResultFigures.Figure], title: String)
    -> [String]
  {
    let report = ComparisonReport(record)
    var lines = [
      "<section>",
      "<h2>\(xmlEscaped(title))</h2>",
      "<p class=\"note\">Protocol \(xmlEscaped(record.protocolName)), noise σ = \(record.noise), seeds \(record.seeds.map(String.init).joined(separator: ", ")), wall time \(NumberFormat.fixed(record.wallSeconds, digits: 1)) s.</p>",
      "<table>", "<tr>" + report.header.map { "<th>\(xmlEscaped($0))</th>" }.joined() + "</tr>",
    ]
    for row in report.rows {
      lines.append("<tr>" + row.map { "<td>\(xmlEscaped($0))</td>" }.joined() + "</tr>")
    }
    lines.append("</table>")
    for note in report.notes + report.pairedSentences {
      lines.append("<p class=\"note\">\(xmlEscaped(note))</p>")
    }
    lines.append("<div class=\"figures\">")
    for figure in figures {
      lines += [
        "<figure>", figure.svg, "<figcaption>\(xmlEscaped(figure.caption))</figcaption>", "</figure>",
      ]
    }
    lines += ["</div>", "</section>"]
    return lines
  }

  static let style = """
    body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 24px; color: #222; }
    h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; }
    table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
    th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; white-space: nowrap; }
    th { background: #f2f2f2; }
    .note { font-size: 13px; color: #444; }
    .figures { display: flex; flex-wrap: wrap; gap: 12px; }
    figure { margin: 0; max-width: 480px; }
    figcaption { font-size: 12px; color: #444; margin-top: 2px; }
    """
}
