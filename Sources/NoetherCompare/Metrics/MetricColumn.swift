import NoetherCore

/// One value a ``ComparisonMetric`` gives per run, and how tables, JSON, results files
/// and reports show it. Stored in the results file, so a file with a user's metric is
/// read back and drawn without the user's type.
public struct MetricColumn: Sendable, Equatable {
  /// How a cell prints its mean (and spread).
  public enum Style: String, Sendable, Equatable {
    /// `1.23e-02` with `digits` after the point.
    case scientific
    /// `1.23` with `digits` after the point.
    case fixed
  }

  /// How the runs of a method over seeds are summarised.
  public enum Summary: String, Sendable, Equatable {
    /// Mean ± standard deviation of the finite values (JSON `{mean, std}`).
    case meanAndDeviation = "mean"
    /// The sum over seeds (a count).
    case total
  }

  /// The key of the value in ``MethodRun/metrics``. A key `group:name` nests in the
  /// JSON as `group → name`.
  public var key: String
  /// The column's header in the table (`MSE`, `violation energy`).
  public var header: String
  public var style: Style
  public var digits: Int
  public var summary: Summary
  /// Shown as a column of the table (else JSON and file only).
  public var shownInTable: Bool
  /// Lower is better, and each method is paired with the reference method on it seed by
  /// seed (``PairedComparison``).
  public var pairedBySeed: Bool
  /// A method that gives no value on any seed shows `-` (and the JSON leaves it out)
  /// rather than `nan`: for values only some methods have, such as R² of a learned invariant.
  public var blankWhenAbsent: Bool

  public init(
    key: String, header: String, style: Style = .scientific, digits: Int = 2,
    summary: Summary = .meanAndDeviation, shownInTable: Bool = true, pairedBySeed: Bool = false,
    blankWhenAbsent: Bool = false
  ) {
    self.key = key
    self.header = header
    self.style = style
    self.digits = digits
    self.summary = summary
    self.shownInTable = shownInTable
    self.pairedBySeed = pairedBySeed
    self.blankWhenAbsent = blankWhenAbsent
  }

  /// The JSON path of the key: `["violation", "energy"]` for `violation:energy`.
  public var jsonPath: [String] {
    guard let colon = key.firstIndex(of: ":") else { return [key] }
    return [String(key[..<colon]), String(key[key.index(after: colon)...])]
  }

  /// The cell for these per-seed values: the mean, and ± the standard deviation with
  /// two or more values; `nan` when none is finite.
  public func cell(_ values: [Double]) -> String {
    let s = SeedStatistics(values)
    guard s.mean.isFinite else { return "nan" }
    let mean = text(s.mean)
    return values.count > 1 ? "\(mean) ± \(text(s.standardDeviation))" : mean
  }

  private func text(_ x: Double) -> String {
    style == .fixed ? NumberFormat.fixed(x, digits: digits) : NumberFormat.scientific(x, digits: digits)
  }

  // MARK: - As stored text

  /// One line for the results file: the fields separated by tabs.
  public var storedText: String {
    [
      key, header, style.rawValue, "\(digits)", summary.rawValue, shownInTable ? "table" : "hidden",
      pairedBySeed ? "paired" : "unpaired", blankWhenAbsent ? "blank" : "nan",
    ].joined(separator: "\t")
  }

  /// Reads ``storedText`` back; nil for text of another form.
  public init?(storedText: String) {
    let fields = storedText.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    guard fields.count == 8, let style = Style(rawValue: fields[2]), let digits = Int(fields[3]),
      (0...17).contains(digits), let summary = Summary(rawValue: fields[4])
    else { return nil }
    self.init(
      key: fields[0], header: fields[1], style: style, digits: digits, summary: summary,
      shownInTable: fields[5] == "table", pairedBySeed: fields[6] == "paired",
      blankWhenAbsent: fields[7] == "blank")
  }
}
