import Foundation
import NoetherCore

/// A comparison's results as a table for people and as JSON for programs
/// (docs/comparison.md documents both).
public struct ComparisonReport {
  public let result: ComparisonRecord

  public init(_ result: ComparisonRecord) { self.result = result }

  /// The table's column headers.
  public var header: [String] {
    let violations: [String] = result.invariantNames.map { "violation \($0)" }
    let r2: [String] = result.invariantNames.map { "R² \($0)" }
    return ["method", "status", "MSE"] + violations + r2 + ["train s", "evaluate s"]
  }

  /// One row per method: mean ± std over seeds.
  public var rows: [[String]] {
    result.methods.map { method in
      let runs = result.runs(of: method)
      let status = Self.status(runs)
      guard status != "not applicable" else {
        return [method, status] + Array(repeating: "-", count: header.count - 2)
      }
      var row = [method, status, Self.cell(runs.map { (run: MethodRun) -> Double in run.mse })]
      row += result.invariantNames.map { name in Self.cell(runs.map { $0.violation[name] ?? Double.nan }) }
      row += result.invariantNames.map { name in
        runs.contains { $0.r2[name] != nil }
          ? Self.cell(runs.map { $0.r2[name] ?? Double.nan }, digits: 4) : "-"
      }
      row.append(
        Self.cell(
          runs.map {
            ($0.seconds["train"] ?? 0) + ($0.seconds["contrastive (shared)"] ?? 0)
              + ($0.seconds["autoencoder (shared)"] ?? 0)
          }, digits: 2,
          fixed: true))
      row.append(Self.cell(runs.map { $0.seconds["evaluate"] ?? Double.nan }, digits: 2, fixed: true))
      return row
    }
  }

  /// Why methods were not applicable (once per method), why runs failed (per seed), and
  /// which completed runs had evaluation rollouts leave the data
  /// (``MethodRun/rolloutsOutsideData``).
  public var notes: [String] {
    var notes = [String]()
    for method in result.methods {
      for run in result.runs(of: method) {
        if case .notApplicable(let reason) = run.outcome, run.seed == result.seeds.first {
          notes.append("\(method): not applicable: \(reason)")
        }
        if case .failed(let reason) = run.outcome { notes.append("\(method), seed \(run.seed): \(reason)") }
        if run.outcome == .completed && run.rolloutsOutsideData > 0 {
          notes.append(
            "\(method), seed \(run.seed): \(run.rolloutsOutsideData) evaluation rollout(s) left the data (beyond twice the largest ‖x‖ of the data set and the truth; ‖x‖ reached \(String(format: "%.3g", run.rolloutReach)))"
          )
        }
      }
    }
    return notes
  }

  /// With two seeds or more, each method paired with the baseline seed by seed
  /// (``PairedComparison``); empty otherwise.
  public var paired: [PairedComparison] {
    result.seeds.count >= 2 ? PairedComparison.all(in: result) : []
  }

  /// One line per entry of `paired`.
  public var pairedSentences: [String] {
    paired.map { $0.sentence(invariants: result.invariantNames) }
  }

  /// The table, with a line giving the system, seeds and total wall time.
  public var table: String {
    var lines = [
      "\(result.systemName): \(result.seeds.count) seed(s) \(result.seeds.map(String.init).joined(separator: ", ")), noise \(result.noise), protocol \(result.protocolName)",
      TextTable(header: header, rows: rows).rendered,
    ]
    lines += notes
    lines += pairedSentences
    lines.append(
      "wall time \(String(format: "%.2f", result.wallSeconds)) s (data and truth \(String(format: "%.2f", result.dataSeconds)) s)"
    )
    return lines.joined(separator: "\n")
  }

  /// The JSON object: `system`, `seeds`, `noise`, `wall_seconds`, and `methods` → name →
  /// `status`, `mse` {mean, std}, `violation` and `r2` (keyed by invariant) {mean, std},
  /// `wall_seconds`, `rollouts_outside_data` (summed over seeds); with two seeds or
  /// more, `paired_with_baseline` → method → ``PairedComparison/jsonObject``. Values
  /// that are not finite are null.
  public var jsonObject: [String: Any] {
    var methods = [String: Any]()
    for method in result.methods {
      let runs = result.runs(of: method)
      var entry: [String: Any] = ["status": Self.status(runs)]
      if let reason = runs.compactMap({ run -> String? in
        if case .notApplicable(let r) = run.outcome { return r }
        if case .failed(let r) = run.outcome { return r }
        return nil
      }).first {
        entry["reason"] = reason
      }
      entry["mse"] = Self.statistics(runs.map { (run: MethodRun) -> Double in run.mse })
      var violation = [String: Any]()
      var r2 = [String: Any]()
      for name in result.invariantNames {
        violation[name] = Self.statistics(runs.map { $0.violation[name] ?? Double.nan })
        if runs.contains(where: { $0.r2[name] != nil }) {
          r2[name] = Self.statistics(runs.map { $0.r2[name] ?? Double.nan })
        }
      }
      entry["violation"] = violation
      entry["r2"] = r2
      entry["wall_seconds"] = runs.map { $0.seconds.values.reduce(0, +) }.reduce(0, +)
      entry["rollouts_outside_data"] = runs.map(\.rolloutsOutsideData).reduce(0, +)
      methods[method] = entry
    }
    var object: [String: Any] = [
      "system": result.systemName, "protocol": result.protocolName, "seeds": result.seeds.map { Int($0) },
      "noise": result.noise, "wall_seconds": result.wallSeconds, "methods": methods,
    ]
    if result.seeds.count >= 2 {
      object["paired_with_baseline"] = Dictionary(
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

  static func status(_ runs: [MethodRun]) -> String {
    if runs.allSatisfy({ if case .notApplicable = $0.outcome { return true } else { return false } }) {
      return "not applicable"
    }
    let failed = runs.filter { if case .failed = $0.outcome { return true } else { return false } }.count
    return failed == 0 ? "ok" : "\(failed)/\(runs.count) failed"
  }

  static func statistics(_ values: [Double]) -> [String: Any] {
    let s = SeedStatistics(values)
    return [
      "mean": s.mean.isFinite ? s.mean : NSNull(),
      "std": s.standardDeviation.isFinite ? s.standardDeviation : NSNull(),
    ]
  }

  static func cell(_ values: [Double], digits: Int = 2, fixed: Bool = false) -> String {
    let s = SeedStatistics(values)
    guard s.mean.isFinite else { return "nan" }
    let format = fixed ? "%.\(digits)f" : "%.\(digits)e"
    let mean = String(format: format, s.mean)
    return values.count > 1 ? "\(mean) ± \(String(format: format, s.standardDeviation))" : mean
  }
}
