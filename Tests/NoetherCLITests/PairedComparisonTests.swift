import Foundation
import NoetherCompare
import NoetherCore
import Testing

@Suite struct PairedComparisonTests {
  @Test func countsRatioAndSignTestMatchHandComputedValues() {
    // Four of five seeds lower; a NaN pair and a zero baseline are left out.
    let outcome = PairedComparison.Outcome(
      method: [0.5, 1, 1.5, 2, 10, .nan, 1], baseline: [1, 2, 3, 4, 5, 1, 0])
    #expect(outcome.seeds == 5 && outcome.lower == 4)
    #expect(abs(outcome.ratio - pow(2, -0.6)) < 1e-12)  // (0.5⁴ · 2)^(1/5)
    #expect(abs(outcome.pValue - 12.0 / 32) < 1e-12)  // 2 (C(5,0) + C(5,1)) / 2⁵
    // 6 of 20: 2 Σ_{i ≤ 6} C(20, i) / 2²⁰ = 2 · 60460 / 1048576.
    let six = PairedComparison.Outcome(
      method: (0..<20).map { $0 < 6 ? 1 : 3 }, baseline: Array(repeating: 2, count: 20))
    #expect(abs(six.pValue - 2 * 60460 / 1_048_576) < 1e-12)
    let all = PairedComparison.Outcome(
      method: Array(repeating: 1, count: 20), baseline: Array(repeating: 2, count: 20))
    #expect(all.lower == 20 && abs(all.pValue - 2 / 1_048_576) < 1e-15 && abs(all.ratio - 0.5) < 1e-12)
    let even = PairedComparison.Outcome(method: [1, 3], baseline: [2, 2])
    #expect(even.pValue == 1)
  }

  @Test func pairsOnlySeedsWhereBothCompleted() {
    var record = ComparisonRecord(
      systemName: "toy", protocolName: "test", invariantNames: ["energy"],
      methods: ["baseline", "concernet"],
      seeds: [1, 2, 3], noise: 0)
    record.metricColumns = ComparisonRecord.builtInMetricColumns(invariants: ["energy"])
    for seed: UInt64 in 1...3 {
      var baseline = MethodRun(method: "baseline", seed: seed, outcome: .completed)
      baseline.metrics = ["mse": 1, "violation:energy": 1]
      var concernet = MethodRun(
        method: "concernet", seed: seed, outcome: seed == 2 ? .failed("diverged") : .completed)
      concernet.metrics = ["mse": seed == 2 ? .nan : 2, "violation:energy": 0.01]
      record.runs += [baseline, concernet]
    }
    let paired = PairedComparison.all(in: record)
    #expect(paired.map(\.method) == ["concernet"])
    let mse = paired[0].outcome("mse")!
    #expect(mse.seeds == 2 && mse.lower == 0 && abs(mse.ratio - 2) < 1e-12)
    #expect(paired[0].outcome("violation:energy")!.lower == 2)
    #expect(
      ComparisonReport(record).table.contains(
        "concernet vs baseline, paired by seed: MSE lower on 0 of 2 seeds (geometric-mean ratio 2, sign test p = 0.5)"
      ))
    var single = record
    single.seeds = [1]
    #expect(ComparisonReport(single).paired.isEmpty)
  }
}

@Suite struct ReferenceMethodTests {
  @Test func anyMethodCanBeTheReference() {
    var record = ComparisonRecord(
      systemName: "toy", protocolName: "test", invariantNames: [], methods: ["a", "b", "c"], seeds: [1, 2],
      noise: 0)
    record.metricColumns = ComparisonRecord.builtInMetricColumns(invariants: [])
    record.referenceMethod = "b"
    for seed: UInt64 in 1...2 {
      for (method, mse) in [("a", 1.0), ("b", 2.0), ("c", 4.0)] {
        var run = MethodRun(method: method, seed: seed, outcome: .completed)
        run.metrics = ["mse": mse * Double(seed)]
        record.runs.append(run)
      }
    }
    let paired = PairedComparison.all(in: record)
    #expect(paired.map(\.method) == ["a", "c"])
    #expect(paired.map { $0.outcome("mse")!.lower } == [2, 0])
    #expect(abs(paired[1].outcome("mse")!.ratio - 2) < 1e-12)
    let report = ComparisonReport(record)
    #expect(report.table.contains("a vs b, paired by seed: MSE lower on 2 of 2 seeds"))
    #expect(report.jsonObject["paired_with_b"] != nil)
  }
}
