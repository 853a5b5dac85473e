import Foundation
import NoetherCore

/// Seed-by-seed comparison of each method with the baseline network.
///
/// Every seed gives all methods the same training data and the same evaluation states,
/// so a method and the baseline form a pair per seed. For each metric (the MSE and each
/// known invariant's violation), over the N seeds on which both have a finite, positive
/// value:
/// - `lower`: on how many of them the method's value is below the baseline's;
/// - `ratio`: the geometric mean of method / baseline, exp(mean of log ratios);
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

  /// The method compared with the baseline.
  public let method: String
  public let mse: Outcome
  /// Keyed by known invariant name.
  public let violation: [String: Outcome]

  /// Every method of `record` other than the baseline, paired with the baseline; empty
  /// when the record has no baseline runs.
  public static func all(in record: ComparisonRecord) -> [PairedComparison] {
    let baseline = record.runs(of: "baseline")
    guard baseline.contains(where: { $0.outcome == .completed }) else { return [] }
    return record.methods.filter { $0 != "baseline" }.compactMap { method in
      let runs = record.runs(of: method)
      guard runs.contains(where: { $0.outcome == .completed }) else { return nil }
      return PairedComparison(
        method: method, runs: runs, baseline: baseline, invariants: record.invariantNames)
    }
  }

  init(method: String, runs: [MethodRun], baseline: [MethodRun], invariants: [String]) {
    self.method = method
    let pairs: [(MethodRun, MethodRun)] = runs.compactMap { run in
      guard run.outcome == .completed,
        let reference = baseline.first(where: { $0.seed == run.seed && $0.outcome == .completed })
      else { return nil }
      return (run, reference)
    }
    mse = Outcome(method: pairs.map { $0.0.mse }, baseline: pairs.map { $0.1.mse })
    var violation = [String: Outcome]()
    for name in invariants {
      violation[name] = Outcome(
        method: pairs.map { $0.0.violation[name] ?? .nan },
        baseline: pairs.map { $0.1.violation[name] ?? .nan })
    }
    self.violation = violation
  }

  /// One line for people, e.g. "concernet vs baseline, paired by seed: MSE lower on 12 of
  /// 20 seeds (geometric-mean ratio 0.85, sign test p = 0.50); violation energy lower on …".
  public func sentence(invariants: [String]) -> String {
    var parts = ["MSE " + Self.describe(mse)]
    for name in invariants {
      if let outcome = violation[name] { parts.append("violation \(name) " + Self.describe(outcome)) }
    }
    return "\(method) vs baseline, paired by seed: " + parts.joined(separator: "; ")
  }

  static func describe(_ outcome: Outcome) -> String {
    guard outcome.seeds > 0 else { return "not comparable (no seed where both completed)" }
    let p = outcome.pValue < 1e-4 ? "p < 1e-4" : String(format: "p = %.2g", outcome.pValue)
    return
      "lower on \(outcome.lower) of \(outcome.seeds) seeds (geometric-mean ratio \(String(format: "%.3g", outcome.ratio)), sign test \(p))"
  }

  /// The JSON object: `mse` {`seeds`, `lower`, `ratio`, `p`} and `violation` → invariant → the same.
  public var jsonObject: [String: Any] {
    ["mse": Self.json(mse), "violation": violation.mapValues(Self.json)]
  }

  static func json(_ outcome: Outcome) -> [String: Any] {
    [
      "seeds": outcome.seeds, "lower": outcome.lower,
      "ratio": outcome.ratio.isFinite ? outcome.ratio : NSNull(), "p": outcome.pValue,
    ]
  }
}
