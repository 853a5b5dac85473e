import Foundation
import NoetherCompare
import Testing

@testable import NoetherCLI

/// Measured records in a sweep spec (`records`): each is a cell of its own, compared on
/// its own data exactly as `compare --data` compares it.
@Suite(.serialized) struct SweepRecordsTests {
  /// A directory with `data/spring.h5` (a Noether file) and `data/osc.csv` (a table of a
  /// harmonic oscillator, 8 trials of 30 samples, no system named), and a spec naming
  /// them by paths relative to it.
  func directoryWithRecords(spec: String) throws -> String {
    let dir = temporaryDirectory()
    try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
    try run([
      "generate", "--system", "spring-mass", "--trajectories", "8", "--points", "30", "--out",
      dir + "/data/spring.h5", "--quiet",
    ])
    var rows = ["trial,t,q,p"]
    for k in 0..<8 {
      let (q0, p0) = (cos(Double(k)), sin(2 * Double(k)))
      for i in 0..<30 {
        let t = 0.1 * Double(i)
        let (q, p) = (q0 * cos(t) + p0 * sin(t), -q0 * sin(t) + p0 * cos(t))
        let wobble = 0.01 * sin(Double(37 * i + 11 * k))  // a deterministic stand-in for noise
        rows.append("\(k),\(t),\(q + wobble),\(p - wobble)")
      }
    }
    try (rows.joined(separator: "\n") + "\n").write(
      toFile: dir + "/data/osc.csv", atomically: true, encoding: .utf8)
    try spec.write(toFile: dir + "/spec.json", atomically: true, encoding: .utf8)
    return dir
  }

  @Test func aRecordsCellIsTheComparisonCompareDataMakesOfIt() throws {
    let dir = try directoryWithRecords(
      spec: """
        { "name": "measured", "records": ["data/spring.h5", "data/osc.csv"], "methods": ["baseline", "sindy"],
          "seeds": 2, "epochs": 3 }
        """)
    try run(["sweep", "plan", dir + "/spec.json", "--out", dir + "/sweep"])
    let plan = try SweepDirectory(dir + "/sweep").readPlan()
    // records × seeds, seeds innermost; the record's split and σ, its path absolute.
    #expect(plan.tasks.map(\.seed) == [2023, 2024, 2023, 2024])
    #expect(plan.cells.map(\.record) == [dir + "/data/spring.h5", dir + "/data/osc.csv"])
    #expect(plan.cells.map(\.system) == ["spring-mass", "osc"])
    #expect(plan.cells.map(\.trajectories) == [4, 6] && plan.cells.allSatisfy { $0.points == 30 })
    #expect(plan.cells[0].noise == 0.01 && plan.cells[0].title.hasSuffix(" from spring.h5"))

    try run(["sweep", "run", dir + "/sweep", "--quiet"])
    try run(["sweep", "collect", dir + "/sweep", "--out", dir + "/merged.h5"])
    let merged = try SweepResultsFile.read(from: dir + "/merged.h5")
    #expect(merged.cells.count == 2)
    let text = SweepCollectCommand.tables(merged)
    #expect(text.contains("scored against the 4 measured test trajectories"), "\(text)")
    #expect(text.contains("scored against the 2 measured test trajectories"), "\(text)")

    // The same numbers, bit for bit, as compare --data on each record.
    for (k, name) in ["spring.h5", "osc.csv"].enumerated() {
      let out = dir + "/compare-\(k).h5"
      try run([
        "compare", "--data", dir + "/data/" + name, "--methods", "baseline,sindy", "--seeds", "2", "--epochs",
        "3", "--out", out, "--quiet", "--json",
      ])
      let direct = try ResultsFile.read(from: out)
      let viaSweep = merged.cells[k].record
      #expect(direct.systemName == viaSweep.systemName)
      for run in direct.runs {
        let twin = try #require(viaSweep.runs.first { $0.method == run.method && $0.seed == run.seed })
        for (key, value) in run.metrics where !key.hasPrefix("wall:") {
          #expect(
            twin.metrics[key]?.bitPattern == value.bitPattern, "\(name) \(run.method) \(run.seed) \(key)")
        }
      }
    }
  }

  @Test func aRecordsGridWithGeneratedDataAxesOrAMissingFileIsOneLineNamingIt() throws {
    let dir = try directoryWithRecords(spec: #"{ "records": ["data/spring.h5"], "noise": [0.1] }"#)
    let axis = try #require(errorLine(["sweep", "plan", dir + "/spec.json", "--out", dir + "/sweep"]))
    #expect(axis.contains("field 'noise' sets generated data, and this grid has records only"), "\(axis)")
    #expect(!axis.contains("\n"))

    try #"{ "records": ["data/missing.h5"] }"#.write(
      toFile: dir + "/spec.json", atomically: true, encoding: .utf8)
    let missing = try #require(errorLine(["sweep", "plan", dir + "/spec.json", "--out", dir + "/sweep"]))
    #expect(missing.contains(dir + "/data/missing.h5: no such file"), "\(missing)")

    try #"{ "records": ["data/spring.h5", "data/spring.h5"] }"#.write(
      toFile: dir + "/spec.json", atomically: true, encoding: .utf8)
    let twice = try #require(errorLine(["sweep", "plan", dir + "/spec.json", "--out", dir + "/sweep"]))
    #expect(twice.contains("field 'records' must be a non-empty list of distinct file paths"), "\(twice)")

    // Systems and records together: the noise axis applies to the systems.
    try
      #"{ "systems": ["spring-mass"], "records": ["data/spring.h5"], "noise": [0, 0.1], "methods": ["sindy"] }"#
      .write(toFile: dir + "/spec.json", atomically: true, encoding: .utf8)
    try run(["sweep", "plan", dir + "/spec.json", "--out", dir + "/sweep"])
    let plan = try SweepDirectory(dir + "/sweep").readPlan()
    #expect(
      plan.cells.map(\.noise) == [0, 0.1, 0.01]
        && plan.cells.map { $0.record != nil } == [false, false, true])
  }
}
