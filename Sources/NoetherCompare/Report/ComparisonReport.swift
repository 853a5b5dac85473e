import Foundation
import NoetherCore

/// A comparison's results as a table for people and as JSON for programs
/// (docs/comparison.md documents both). Columns come from the record's
/// ``MetricColumn``s, so a user's metric shows like a built-in one.
public struct ComparisonReport {
  public let result: ComparisonRecord

  public init(_ result: ComparisonRecord) { self.result = result }

  /// The metric columns shown in the table.
  public var tableColumns: [MetricColumn] { result.metricColumns.filter(\.shownInTable) }

  /// The table's column headers.
  public var header: [String] { ["method", "status"] + tableColumns.map(\.header) }

  /// One row per method: mean ± std over seeds.
  public var rows: [[String]] {
    result.methods.map { method in
      let runs = result.runs(of: method)
      let status = Self.status(runs)
      guard status != "not applicable" else {
        return [method, status] + Array(repeating: "-", count: header.count - 2)
      }
      return [method, status]
        + tableColumns.map { column in
          if column.blankWhenAbsent && !runs.contains(where: { $0.metrics[column.key] != nil }) { return "-" }
          return column.cell(runs.map { $0.metrics[column.key] ?? .nan })
        }
    }
  }

  /// Why methods were not applicable (once per method), why runs failed (per seed), and
  /// the metrics' notes on completed runs (evaluation rollouts that left the data).
  public var notes: [String] {
    var notes = [String]()
    for method in result.methods {
      for run in result.runs(of: method) {
        if case .notApplicable(let reason) = run.outcome, run.seed == result.seeds.first {
          notes.append("\(method): not applicable: \(reason)")
        }
        if case .failed(let reason) = run.outcome { notes.append("\(method), seed \(run.seed): \(reason)") }
        if run.outcome == .completed {
          notes += run.notes.map { "\(method), seed \(run.seed): \($0)" }
        }
      }
    }
    return notes
  }

  /// With two seeds or more, each method paired with the reference method seed by seed
  /// (``PairedComparison``); empty otherwise.
  public var paired: [PairedComparison] {
    result.seeds.count >= 2 ? PairedComparison.all(in: result) : []
  }

  /// One line per entry of `paired`.
  public var pairedSentences: [String] { paired.map(\.sentence) }

  /// The first line: the system, the seeds, the noise and protocol (for data from a file,
  /// the file's own, and the seeds then draw the networks and evaluation states), the
  /// derivatives' estimate and step projection when used.
  public var headline: String {
    let seeds = "\(result.seeds.count) seed(s) \(result.seeds.map(String.init).joined(separator: ", "))"
    var line =
      result.dataSource.map {
        "\(result.systemName): data \($0); \(seeds) for the networks and evaluation states, evaluation protocol \(result.protocolName)"
      }
      ?? "\(result.systemName): \(seeds), noise \(result.noise), protocol \(result.protocolName)"
    if let derivatives = result.derivatives { line += ", derivatives estimated by \(derivatives)" }
    if let evaluation = result.evaluation { line += "; \(evaluation)" }
    if let projection = result.stepProjection {
      line += ", rollouts projected onto the \(projection) invariants after every step"
    }
    return line
  }

  /// The table, with a line giving the system, seeds and total wall time.
  public var table: String {
    var lines = [
      headline,
      TextTable(header: header, rows: rows).rendered,
    ]
    lines += notes
    lines += pairedSentences
    lines.append(
      "wall time \(NumberFormat.fixed(result.wallSeconds, digits: 2)) s (data and truth \(NumberFormat.fixed(result.dataSeconds, digits: 2)) s)"
    )
    return lines.joined(separator: "\n")
  }

  /// The JSON object: `system`, `protocol`, `seeds`, `noise`, `wall_seconds`, and
  /// `methods` → name → `status` (and `reason`), `rollouts` (`counted`, `total`, `left_out` → label → count), every metric column by its key (a key
  /// `group:name` nests as `group` → `name`) as {mean, std} or, for counts, the total,
  /// and `wall_seconds`; with two seeds or more, `paired_with_<reference>` → method →
  /// ``PairedComparison/jsonObject``. Values that are not finite are null.
  public var jsonObject: [String: Any] {
    var methods = [String: Any]()
    for method in result.methods {
      let runs = result.runs(of: method)
      var entry: [String: Any] = ["status": Self.outcome(runs)]
      if let reason = runs.compactMap(\.outcome.reason).first { entry["reason"] = reason }
      if let rollouts = Self.rolloutObject(runs) { entry["rollouts"] = rollouts }
      for column in result.metricColumns {
        let path = column.jsonPath
        if path.count == 2, entry[path[0]] == nil { entry[path[0]] = [String: Any]() }
        if column.blankWhenAbsent && !runs.contains(where: { $0.metrics[column.key] != nil }) { continue }
        let values = runs.map { $0.metrics[column.key] ?? .nan }
        let value: Any =
          column.summary == .total ? Self.total(values) : Self.statistics(values)
        if path.count == 2 {
          var group = entry[path[0]] as? [String: Any] ?? [:]
          group[path[1]] = value
          entry[path[0]] = group
        } else {
          entry[path[0]] = value
        }
      }
      entry["wall_seconds"] = runs.map { $0.seconds.values.reduce(0, +) }.reduce(0, +)
      methods[method] = entry
    }
    var object: [String: Any] = [
      "system": result.systemName, "protocol": result.protocolName, "seeds": result.seeds.map { Int($0) },
      "noise": result.noise, "wall_seconds": result.wallSeconds, "methods": methods,
    ]
    if let projection = result.stepProjection { object["step_projection"] = projection }
    if let source = result.dataSource { object["data_source"] = source }
    if let derivatives = result.derivatives { object["derivatives"] = derivatives }
    if let evaluation = result.evaluation { object["evaluation"] = evaluation }
    if result.seeds.count >= 2 {
      object["paired_with_\(result.referenceMethod)"] = Dictionary(
        uniqueKeysWithValues: paired.map { ($0.method, $0.jsonObject) })
    }
    return object
  }

  /// The JSON text (sorted keys, pretty-printed).
  public var json: String {
    let data = try! JSONSerialization.data(
      withJSONObject: jsonObject, options: [.sortedKeys, .prettyPrinted])
    return String(decoding: data, as: UTF8.self)
  }

  /// `ok`, `1/3 failed` or `not applicable`: the runs' outcomes, for the JSON (whose
  /// `rollouts` carries the counts).
  static func outcome(_ runs: [MethodRun]) -> String {
    if runs.allSatisfy({ if case .notApplicable = $0.outcome { return true } else { return false } }) {
      return "not applicable"
    }
    let failed = runs.filter { if case .failed = $0.outcome { return true } else { return false } }.count
    return failed == 0 ? "ok" : "\(failed)/\(runs.count) failed"
  }

  /// The table's cell: `not applicable`; `ok 28/30` (evaluation rollouts that count in the metrics over
  /// those of the runs that completed; `ok` alone for runs read from files without
  /// statuses); `1/3 failed, ok 18/20`; `3/3 failed`.
  static func status(_ runs: [MethodRun]) -> String {
    let outcome = outcome(runs)
    guard outcome != "not applicable" else { return outcome }
    let failed = runs.filter { if case .failed = $0.outcome { return true } else { return false } }.count
    guard failed < runs.count else { return outcome }
    let (counted, total) = rolloutCounts(runs)
    let ok = total > 0 ? "ok \(counted)/\(total)" : "ok"
    return failed == 0 ? ok : "\(outcome), \(ok)"
  }

  /// Over the completed runs: the evaluation rollouts that count in the metrics, and all.
  static func rolloutCounts(_ runs: [MethodRun]) -> (counted: Int, total: Int) {
    let statuses = runs.filter { $0.outcome == .completed }.flatMap(\.rolloutStatuses)
    return (statuses.countingInMetrics, statuses.count)
  }

  /// JSON `rollouts`: `counted` and `total` over the completed runs, and `left_out` →
  /// label → count (over every run evaluated, failed ones too); nil when no run kept statuses.
  static func rolloutObject(_ runs: [MethodRun]) -> [String: Any]? {
    let all = runs.flatMap(\.rolloutStatuses)
    guard !all.isEmpty else { return nil }
    let (counted, total) = rolloutCounts(runs)
    var leftOut = [String: Int]()
    for status in all where !status.countsInMetrics { leftOut[status.label, default: 0] += 1 }
    return ["counted": counted, "total": total, "left_out": leftOut]
  }

  static func statistics(_ values: [Double]) -> [String: Any] {
    let s = SeedStatistics(values)
    return [
      "mean": s.mean.isFinite ? s.mean : NSNull(),
      "std": s.standardDeviation.isFinite ? s.standardDeviation : NSNull(),
    ]
  }

  static func total(_ values: [Double]) -> Any {
    let finite = values.filter(\.isFinite)
    let sum = finite.reduce(0, +)
    if sum == sum.rounded(), abs(sum) < 1e15 { return Int(sum) }
    return sum
  }
}
