import Foundation
import NoetherCore

/// Seed-by-seed comparison of each method with a reference method (the baseline network
/// by default).
///
/// Every seed gives all methods the same training data and the same evaluation states,
/// so a method and the reference form a pair per seed. For each paired metric column
/// (the MSE and each known invariant's violation among the built-ins), over the N seeds
/// on which both completed, were measured on the same evaluation rollouts, and have a
/// finite, positive value:
/// - `lower`: on how many of them the method's value is below the reference's;
/// - `ratio`: the geometric mean of method / reference, exp(mean of log ratios);
/// - `pValue`: the two-sided exact sign test of "lower and higher are equally likely",
///   p = min(1, 2 Σ_{i ≤ min(k, N − k)} C(N, i) / 2ᴺ) with k = `lower` (ties count
///   as higher).
///
/// With few seeds the mean ± std of a table cannot tell two methods apart when their
/// errors spread over an order of magnitude; the pairing can.
public struct PairedComparison: Sendable, Equatable {
  /// One metric of one method against the baseline.
  public struct Outcome: Sendable, Equatable {
    /// Seeds on which both values are finite and positive.
    public let seeds: Int
    /// Seeds on which the method's value is below the baseline's.
    public let lower: Int
    /// Geometric mean of method / baseline over those seeds (NaN when there are none).
    public let ratio: Double
    /// Two-sided exact sign-test p-value.
    public let pValue: Double

    /// Pairs (method, baseline) values; pairs with a non-finite or non-positive value are left out.
    public init(method: [Double], baseline: [Double]) {
      let pairs = zip(method, baseline).filter { $0.isFinite && $1.isFinite && $0 > 0 && $1 > 0 }
      seeds = pairs.count
      lower = pairs.filter { $0 < $1 }.count
      ratio = pairs.isEmpty ? .nan : exp(pairs.map { log($0 / $1) }.reduce(0, +) / Double(pairs.count))
      pValue = Self.signTest(lower: lower, of: seeds)
    }

    /// p = min(1, 2 Σ_{i ≤ min(k, N − k)} C(N, i) / 2ᴺ); 1 for N = 0.
    static func signTest(lower k: Int, of n: Int) -> Double {
      guard n > 0 else { return 1 }
      var binomial = 1.0  // C(n, i), built up term by term
      var tail = 0.0
      for i in 0...min(k, n - k) {
        if i > 0 { binomial *= Double(n - i + 1) / Double(i) }
        tail += binomial
      }
      return min(1, 2 * tail / pow(2, Double(n)))
    }
  }

  /// The method compared with the reference.
  public let method: String
  /// The method it is compared with (`baseline` by default).
  public let reference: String
  /// The paired columns (``MetricColumn/pairedBySeed``) and their outcomes, in column order.
  public let outcomes: [(column: MetricColumn, outcome: Outcome)]

  public static func == (a: PairedComparison, b: PairedComparison) -> Bool {
    a.method == b.method && a.reference == b.reference
      && a.outcomes.map(\.column) == b.outcomes.map(\.column)
      && a.outcomes.map(\.outcome) == b.outcomes.map(\.outcome)
  }

  /// The outcome of the column with `key` (`mse`, `violation:energy`).
  public func outcome(_ key: String) -> Outcome? { outcomes.first { $0.column.key == key }?.outcome }

  /// Every method of `record` other than its reference method, paired with the reference
  /// on every paired column; empty when the reference has no completed run.
  public static func all(in record: ComparisonRecord) -> [PairedComparison] {
    let reference = record.runs(of: record.referenceMethod)
    guard reference.contains(where: { $0.outcome == .completed }) else { return [] }
    let columns = record.metricColumns.filter(\.pairedBySeed)
    return record.methods.filter { $0 != record.referenceMethod }.compactMap { method in
      let runs = record.runs(of: method)
      guard runs.contains(where: { $0.outcome == .completed }) else { return nil }
      return PairedComparison(
        method: method, runs: runs, reference: record.referenceMethod, referenceRuns: reference,
        columns: columns)
    }
  }

  init(
    method: String, runs: [MethodRun], reference: String, referenceRuns: [MethodRun], columns: [MetricColumn]
  ) {
    self.method = method
    self.reference = reference
    let pairs: [(MethodRun, MethodRun)] = runs.compactMap { run in
      guard run.outcome == .completed,
        let other = referenceRuns.first(where: { $0.seed == run.seed && $0.outcome == .completed }),
        Self.measuredOnTheSameRollouts(run, other)
      else { return nil }
      return (run, other)
    }
    outcomes = columns.map { column in
      (
        column,
        Outcome(
          method: pairs.map { $0.0.metrics[column.key] ?? .nan },
          baseline: pairs.map { $0.1.metrics[column.key] ?? .nan })
      )
    }
  }

  /// True when both runs' metrics are over the same evaluation rollouts (the same ones
  /// count, ``RolloutStatus/countsInMetrics``), or when either kept no statuses: a pair
  /// over different rollouts would favour the run that dropped the hard ones.
  static func measuredOnTheSameRollouts(_ a: MethodRun, _ b: MethodRun) -> Bool {
    guard !a.rolloutStatuses.isEmpty, !b.rolloutStatuses.isEmpty else { return true }
    return a.rolloutStatuses.map(\.countsInMetrics) == b.rolloutStatuses.map(\.countsInMetrics)
  }

  /// One line for people, e.g. "concernet vs baseline, paired by seed: MSE lower on 12 of
  /// 20 seeds (geometric-mean ratio 0.85, sign test p = 0.50); violation energy lower on …".
  public var sentence: String {
    let parts = outcomes.map { "\($0.column.header) " + Self.describe($0.outcome) }
    return "\(method) vs \(reference), paired by seed: " + parts.joined(separator: "; ")
  }

  static func describe(_ outcome: Outcome) -> String {
    guard outcome.seeds > 0 else {
      return "not comparable (no seed where both completed on the same evaluation rollouts)"
    }
    let p = outcome.pValue < 1e-4 ? "p < 1e-4" : "p = " + NumberFormat.significant(outcome.pValue, digits: 2)
    return
      "lower on \(outcome.lower) of \(outcome.seeds) seeds (geometric-mean ratio \(NumberFormat.significant(outcome.ratio)), sign test \(p))"
  }

  /// The JSON object: each paired column by its key (`mse`, and `violation` → invariant)
  /// → {`seeds`, `lower`, `ratio`, `p`}.
  public var jsonObject: [String: Any] {
    var object = [String: Any]()
    for (column, outcome) in outcomes {
      let path = column.jsonPath
      if path.count == 2 {
        var group = object[path[0]] as? [String: Any] ?? [:]
        group[path[1]] = Self.json(outcome)
        object[path[0]] = group
      } else {
        object[path[0]] = Self.json(outcome)
      }
    }
    return object
  }

  static func json(_ outcome: Outcome) -> [String: Any] {
    [
      "seeds": outcome.seeds, "lower": outcome.lower,
      "ratio": outcome.ratio.isFinite ? outcome.ratio : NSNull(), "p": outcome.pValue,
    ]
  }
}
