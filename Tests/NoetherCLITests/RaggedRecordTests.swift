import Foundation
import NoetherCompare
import NoetherCore
import NoetherStore
import Testing

@testable import NoetherCLI

/// Records whose trials differ in length and in time stamps (uneven steps, dropped
/// samples), kept as measured with `import --gaps keep`: written and read back, inspected,
/// their laws discovered along each trajectory's own times, and compared on a test
/// trajectory at its own times.
@Suite(.serialized) struct RaggedRecordTests {
  let dir = temporaryDirectory()

  /// Trial k of a damped oscillator q̇ = p, ṗ = −q − c·p from (a, 0): 25 + 5k samples at
  /// steps 0.1 with jitter, every seventh sample of odd trials dropped (lengths 25, 26,
  /// 35, 34, 45, 43, 55, 51).
  static func trial(_ k: Int, damping c: Double) -> (times: [Double], states: [[Double]]) {
    let count = 25 + 5 * k
    let times = (0..<count).filter { k % 2 == 0 || $0 % 7 != 3 }.map {
      0.1 * Double($0) + 0.03 * sin(Double($0 * (k + 2)))
    }
    let a = 0.6 + 0.15 * Double(k)
    let omega = (1 - c * c / 4).squareRoot()
    let states = times.map { t -> [Double] in
      let decay = exp(-c * t / 2)
      let q = a * decay * (cos(omega * t) + c / (2 * omega) * sin(omega * t))
      let p = -a * decay * sin(omega * t) / omega
      return [q, p]
    }
    return (times, states)
  }

  /// The table of `trials` trials; stamps start at 5·k so that no two trials share a clock.
  func table(_ name: String, trials: Int, damping c: Double) throws -> String {
    var rows = ["trial,t,q,p"]
    for k in 0..<trials {
      let (times, states) = Self.trial(k, damping: c)
      for (t, x) in zip(times, states) { rows.append("\(k),\(5 * Double(k) + t),\(x[0]),\(x[1])") }
    }
    let path = dir + "/" + name
    try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// Kept whole: every trial's length and time stamps as in the table (to 10⁻¹²), written
  /// with `lengths` and read back equal, ẋ within 0.02 of the exact field at interior
  /// samples, and `inspect` says so.
  @Test func trialsOfTheirOwnLengthsAndTimesAreKeptAsMeasured() throws {
    let path = try table("ragged.csv", trials: 6, damping: 0)
    try run(["import", path, "--gaps", "keep", "--out", dir + "/r.h5", "--quiet"])
    let dataset = try TrajectoryFile.read(from: dir + "/r.h5")
    let set = dataset.trajectories
    #expect(!set.sharesTimes && set.trajectoryCount == 6)
    for k in 0..<6 {
      let (times, states) = Self.trial(k, damping: 0)
      #expect(set.layout.length(k) == times.count)
      #expect(zip(set.times(of: k), times).allSatisfy { abs($0 - ($1 - times[0])) < 1e-12 })
      #expect(zip(set.trajectory(k).values, states.flatMap { $0 }).allSatisfy { abs($0 - $1) < 1e-12 })
      // ẋ = (p, −q): central differences on the uneven grid, interior samples.
      let derivatives = Array(set.derivatives[(set.layout.starts[k] * 2)..<(set.layout.starts[k + 1] * 2)])
      var worst = 0.0
      for i in 1..<(times.count - 1) {
        let (q, p) = (states[i][0], states[i][1])
        worst = max(worst, abs(derivatives[2 * i] - p), abs(derivatives[2 * i + 1] + q))
      }
      #expect(worst < 0.02, "trial \(k): largest interior ẋ error \(worst)")
    }
    #expect(
      dataset.source.contains("6 trajectory(ies) of 25 to 45 samples kept whole with their own time stamps"))
    // The file pads to [6, 45, 2] with NaN and says each length; read back, nothing changes.
    let file = try HDF5File.open(dir + "/r.h5")
    #expect(try file.shape(of: "states") == [6, 45, 2] && file.shape(of: "time") == [6, 45])
    #expect(try file.readInt32s("lengths").values == (0..<6).map { Int32(set.layout.length($0)) })
    try TrajectoryFile.write(dataset, to: dir + "/again.h5")
    #expect(try TrajectoryFile.read(from: dir + "/again.h5").trajectories == set)
    let report = InspectCommand.report(path: dir + "/r.h5", dataset: dataset)
    #expect(report.contains("6 trajectories of 25 to 45 samples (208 in all)"), "\(report)")
  }

  /// Discovery along each trajectory's own times: q² + p² conserved on the undamped
  /// record; on the damped one (c = 0.2) the energy with its source −0.2·p² (from the
  /// integrals along each trial's own quadrature), within 1 %.
  @Test func lawsAreFoundAlongEachTrialsOwnTimes() throws {
    let conserved = try table("undamped.csv", trials: 6, damping: 0)
    try run(["import", conserved, "--gaps", "keep", "--noise", "0", "--out", dir + "/u.h5", "--quiet"])
    let (status, output) = try runNoetherOutput(["discover", "--data", dir + "/u.h5", "--json"])
    #expect(status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let laws = try #require(json["invariants"] as? [[String: Any]])
    #expect(laws.count == 1, "\(laws)")
    let terms = try #require(laws.first?["terms"] as? [String: Double])
    #expect(Set(terms.keys) == ["q^2", "p^2"] && abs(terms["q^2"]! / terms["p^2"]! - 1) < 1e-3, "\(terms)")
    let damped = try table("damped.csv", trials: 6, damping: 0.2)
    try run(["import", damped, "--gaps", "keep", "--noise", "0", "--out", dir + "/d.h5", "--quiet"])
    let (dampedStatus, dampedOutput) = try runNoetherOutput([
      "discover", "--data", dir + "/d.h5", "--sources", "poly2", "--json",
    ])
    #expect(dampedStatus == 0)
    let dampedJSON = try #require(
      try JSONSerialization.jsonObject(with: Data(dampedOutput.utf8)) as? [String: Any])
    let balance = try #require((dampedJSON["invariants"] as? [[String: Any]])?.first, "\(dampedOutput)")
    #expect(balance["kind"] as? String == "dissipated", "\(balance)")
    let quantity = try #require(balance["terms"] as? [String: Double])
    let source = try #require(balance["source_terms"] as? [String: Double], "\(balance)")
    let scale = try #require(quantity["p^2"])
    #expect(Set(quantity.keys) == ["q^2", "p^2"] && abs(quantity["q^2"]! / scale - 1) < 0.01, "\(quantity)")
    #expect(Set(source.keys) == ["p^2"] && abs(source["p^2"]! / scale + 0.4) < 0.004, "\(source)")
  }

  /// Compare: test trajectories with their own time stamps (two, of 51 and 55 samples)
  /// are each rolled out at their own times, the MSE is the mean over every measured
  /// test sample (recomputed from the results file's padded truth and rollouts), and the
  /// file keeps each trajectory's times; one test trajectory the same; contrastive
  /// learning, which needs one length, says so.
  @Test func aComparisonScoresTestTrialsAtTheirOwnTimes() throws {
    let path = try table("compare.csv", trials: 8, damping: 0)
    try run(["import", path, "--gaps", "keep", "--out", dir + "/two.h5", "--quiet"])
    let two = try TrajectoryFile.read(from: dir + "/two.h5").trajectories
    #expect(two.indices(in: .test) == [6, 7])
    try run([
      "compare", "--data", dir + "/two.h5", "--methods", "baseline,sindy", "--epochs", "20", "--out",
      dir + "/two-results.h5", "--quiet",
    ])
    let pair = try ResultsFile.read(from: dir + "/two-results.h5")
    #expect(pair.evaluationTimes.isEmpty && pair.evaluationTimeRows == [two.times(of: 6), two.times(of: 7)])
    #expect(pair.evaluation == "scored against the 2 measured test trajectories")
    let truth = try #require(pair.truth[pair.seeds[0]])
    #expect(truth.count == 2 * 55 * 2 && truth.filter(\.isNaN).count == (55 - 51) * 2)
    for run in pair.runs {
      #expect(run.outcome == .completed && run.rolloutStatuses.count == 2, "\(run.outcome)")
      let squares = zip(truth, run.rollout).filter { !$0.0.isNaN }.map { ($0.0 - $0.1) * ($0.0 - $0.1) }
      let pooled = squares.reduce(0, +) / Double(squares.count)
      #expect(
        squares.count == (55 + 51) * 2 && abs(run.mse - pooled) <= 1e-12 * pooled, "\(run.mse) \(pooled)")
      #expect(run.curves.isEmpty)
    }
    #expect(try #require(pair.runs.first { $0.method == "sindy" }).mse < 1e-4)
    // h5py reads the padded layout; a damaged `lengths` is refused by name.
    let sindy = try #require(pair.runs.first { $0.method == "sindy" })
    let check = """
      import h5py, numpy as np
      with h5py.File('\(dir)/two-results.h5', 'r+') as f:
          n = f['evaluation/lengths'][...]; t = f['evaluation/truth-seed-\(pair.seeds[0])'][...]
          r = f['methods/sindy/seed-\(pair.seeds[0])/rollout'][...]
          print([int(k) for k in n], np.nanmean((r - t) ** 2) / \(sindy.mse))
          f['evaluation/lengths'][...] = np.array([0, 55], dtype=np.int32)
      """
    if let output = try runPython(check) {
      let fields = output.split(separator: "]")
      #expect(fields.first == "[51, 55" || fields.first == "[55, 51", "\(output)")
      let ratio = Double(fields.last!.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
      #expect(abs(ratio - 1) < 1e-12, "\(output)")
      let refused = errorLine(["inspect", dir + "/two-results.h5"])
      #expect(refused?.contains("evaluation/lengths") == true, "\(refused ?? "accepted")")
    }
    try run(["import", path, "--gaps", "keep", "--test-fraction", "0.1", "--out", dir + "/one.h5", "--quiet"])
    let set = try TrajectoryFile.read(from: dir + "/one.h5").trajectories
    #expect(set.indices(in: .test) == [7])
    try run([
      "compare", "--data", dir + "/one.h5", "--methods", "sindy", "--out", dir + "/one-results.h5", "--quiet",
    ])
    let record = try ResultsFile.read(from: dir + "/one-results.h5")
    #expect(record.evaluationTimes == set.times(of: 7) && record.evaluationTimeRows.isEmpty)
    #expect(try #require(record.runs.first).mse < 1e-4)
    let (_, contrastive) = try runNoetherOutput([
      "compare", "--data", dir + "/one.h5", "--methods", "concernet",
    ])
    #expect(
      contrastive.contains("contrastive learning compares whole trajectories of one length"), "\(contrastive)"
    )
  }

  /// `--split samples`, the HNN paper's split of its real pendulum: the record's one
  /// trajectory of 556 samples becomes a training trajectory of its first 445 and a test
  /// trajectory of its last 111, their states the table's and their ẋ estimated before
  /// the cut; a comparison rolls the models out over the 111 test samples at their times.
  @Test func theRealPendulumSplitsBySamplesAsTheHNNPaperDid() throws {
    let path = MeasuredRecordTests.realRecord("real_pend_h_1.txt")
    let arguments = [
      "import", path, "--columns", "trial,t,theta,omega", "--trajectory-column", "trial", "--time-column",
      "t",
      "--gaps", "keep",
    ]
    try run(arguments + ["--out", dir + "/whole.h5", "--quiet"])
    try run(arguments + ["--split", "samples", "--out", dir + "/split.h5", "--quiet"])
    let whole = try TrajectoryFile.read(from: dir + "/whole.h5").trajectories
    let split = try TrajectoryFile.read(from: dir + "/split.h5").trajectories
    #expect(split.layout.lengths == [445, 111] && split.split == [.train, .test])
    #expect(split.states == whole.states && split.derivatives == whole.derivatives)
    let times = whole.times(of: 0)
    #expect(split.times(of: 1) == times[445...].map { $0 - times[445] })
    try run([
      "compare", "--data", dir + "/split.h5", "--methods", "sindy", "--out", dir + "/split-results.h5",
      "--quiet",
    ])
    let record = try ResultsFile.read(from: dir + "/split-results.h5")
    #expect(record.evaluationTimes == split.times(of: 1) && record.truth.values.first?.count == 222)
    let zero = errorLine(arguments + ["--split", "samples", "--test-fraction", "0", "--out", dir + "/z.h5"])
    #expect(zero?.contains("give one above 0") == true, "\(zero ?? "accepted")")
  }

  /// The padded layout both ways with h5py: a lab's file of three trials of 30, 45 and 60
  /// samples at their own uneven times (states only, NaN past each length, `lengths`) is
  /// read with ẋ estimated on each trial's own grid; a file Noether writes is read by
  /// h5py as `states[k, :lengths[k]]` at `time[k, :lengths[k]]`.
  @Test func h5pyReadsAndWritesTrajectoriesOfTheirOwnLengths() throws {
    let lab = dir + "/lab-ragged.h5"
    let script = """
      import h5py, numpy as np
      lengths = [30, 45, 60]
      states = np.full((3, 60, 2), np.nan); time = np.full((3, 60), np.nan)
      for k, n in enumerate(lengths):
          t = 0.1 * np.arange(n) + 0.02 * np.sin(np.arange(n) * (k + 2)); t -= t[0]
          a = 0.5 + 0.3 * k
          states[k, :n, 0] = a * np.cos(t); states[k, :n, 1] = -a * np.sin(t); time[k, :n] = t
      with h5py.File('\(lab)', 'w') as f:
          f['states'] = states; f['time'] = time; f['lengths'] = np.array(lengths, dtype=np.int32)
      """
    guard try runPython(script) != nil else { return }
    let set = try TrajectoryFile.read(from: lab).trajectories
    #expect(set.layout.lengths == [30, 45, 60] && !set.sharesTimes)
    for k in 0..<3 {
      let states = set.trajectory(k).values
      let start = set.layout.starts[k] * 2
      var worst = 0.0
      for i in 1..<(set.layout.length(k) - 1) {
        let (q, p) = (states[2 * i], states[2 * i + 1])
        worst = max(
          worst, abs(set.derivatives[start + 2 * i] - p), abs(set.derivatives[start + 2 * i + 1] + q))
      }
      #expect(worst < 0.02, "trial \(k): largest interior ẋ error \(worst)")
    }
    try TrajectoryFile.write(TrajectoryFile.read(from: lab), to: dir + "/noether-ragged.h5")
    let check = """
      import h5py, numpy as np
      with h5py.File('\(dir)/noether-ragged.h5') as f:
          lengths = f['lengths'][...]; states = f['states'][...]; time = f['time'][...]
      rows = [states[k, :n] for k, n in enumerate(lengths)]
      print([int(n) for n in lengths], all(np.isfinite(r).all() for r in rows), bool(np.isnan(states[0, 30:]).all()),
            round(float(time[2, 59]), 6))
      """
    let output = try #require(try runPython(check))
    let last = set.times(of: 2)[59]
    #expect(
      output.trimmingCharacters(in: .whitespacesAndNewlines)
        == "[30, 45, 60] True True \((last * 1e6).rounded() / 1e6)", "\(output)")
  }
}
