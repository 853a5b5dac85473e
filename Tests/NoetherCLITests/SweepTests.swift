import Foundation
import NoetherCompare
import NoetherStore
import Testing

@testable import NoetherCLI

/// The `noether` binary that `swift build --build-tests` made beside the tests.
let noetherBinary: String = {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  return root.appendingPathComponent(".build/debug/noether").path
}()

/// scripts/test starts a one-node Slurm (scripts/slurm-local) and sets this, so that CI
/// cannot skip the Slurm test.
let slurmRequired = ProcessInfo.processInfo.environment["NOETHER_REQUIRE_SLURM"] == "1"
let slurmAvailable =
  FileManager.default.isExecutableFile(atPath: "/usr/bin/sbatch")
  && ProcessInfo.processInfo.environment["SLURM_CONF"] != nil

/// Runs the `noether` binary; returns its exit status and its standard error.
func runNoether(_ arguments: [String]) throws -> (status: Int32, errors: String) {
  try runNoether(arguments, environment: [:])
}

/// Task indices that a run's log says it started, one entry per start.
func startedTasks(_ log: String) -> [Int] {
  log.split(separator: "\n").compactMap { line in
    guard line.hasSuffix(": started"), let range = line.range(of: "[sweep] task ") else { return nil }
    return Int(line[range.upperBound...].prefix { $0.isNumber })
  }
}

/// Every run's metrics except wall times: "cell/method/seed/key" → value.
func sweepMetrics(_ results: SweepResults) -> [String: Double] {
  var out = [String: Double]()
  for cell in results.cells {
    for run in cell.record.runs {
      for (key, value) in run.metrics where !key.hasPrefix("wall:") {
        out["\(cell.record.systemName)/\(run.method)/\(run.seed)/\(key)"] = value
      }
    }
  }
  return out
}

/// True when two metric maps hold the same keys and bitwise the same numbers (NaN = NaN).
func bitwiseEqual(_ a: [String: Double], _ b: [String: Double]) -> Bool {
  a.count == b.count
    && a.allSatisfy { key, value in b[key].map { $0.bitPattern == value.bitPattern } ?? false }
}

@Suite(.serialized) struct SweepTests {
  /// 2 systems × 2 methods × 2 seeds on a tiny protocol.
  static let tinySpec = """
    { "name": "tiny", "systems": ["spring-mass", "chemical-kinetics"], "methods": ["baseline", "sindy"],
      "seeds": 2, "epochs": 3, "trajectories": [6], "points": [20] }
    """

  func planned(_ spec: String = tinySpec) throws -> String {
    let dir = temporaryDirectory()
    try Data(spec.utf8).write(to: URL(fileURLWithPath: dir + "/spec.json"))
    try run(["sweep", "plan", dir + "/spec.json", "--out", dir + "/sweep"])
    return dir + "/sweep"
  }

  @Test func aMalformedSpecGetsOneLineNamingTheField() throws {
    let cases: [(String, String)] = [
      ("{ \"systems\": [\"spring-mass\"], \"nosie\": [0.1] }", "unknown field 'nosie'"),
      ("{ \"systems\": [\"spring-mass\"], \"noise\": [0.1, -1] }", "field 'noise'"),
      ("{ \"systems\": [\"spring-mass\"], \"seeds\": true }", "field 'seeds'"),
      ("{ \"systems\": [\"spring-mass\"], \"points\": [1] }", "field 'points'"),
      ("{ \"methods\": [\"baseline\"] }", "field 'systems' is missing"),
      ("{ \"systems\": \"kepler\" }", "field 'systems'"),
      ("[1, 2", "not a JSON object"),
      (
        "{ \"systems\": [\"spring-mass\"], \"methods\": [\"sindy\"], \"seeds\": 2 }",
        "field 'reference' ('baseline') is not among 'methods'"
      ),
    ]
    for (text, expected) in cases {
      do {
        _ = try SweepSpec.parse(Data(text.utf8), path: "s.json")
        Issue.record("accepted: \(text)")
      } catch let error as CommandLineError {
        #expect(error.description.hasPrefix("sweep spec 's.json': "))
        #expect(error.description.contains(expected), "\(error.description)")
        #expect(!error.description.contains("\n"))
      }
    }
    let unknownSystem = try SweepSpec.parse(Data("{ \"systems\": [\"pendulumm\"] }".utf8), path: "s.json")
    #expect(throws: CommandLineError.self) { try SweepPlan(unknownSystem, name: "x") }
  }

  @Test func thePlanIsTheGridWithSeedsInnermostAndReplanningKeepsTheDirectory() throws {
    let spec = try SweepSpec.parse(
      Data(
        "{ \"systems\": [\"kepler\"], \"noise\": [0, 0.1], \"trajectories\": [5, 10], \"seeds\": [7, 9] }"
          .utf8),
      path: "s.json")
    let plan = try SweepPlan(spec, name: "grid")
    #expect(plan.tasks.count == 8 && plan.cells.count == 4)
    #expect(plan.tasks.map(\.seed) == [7, 9, 7, 9, 7, 9, 7, 9])
    #expect(plan.tasks[2].cell == SweepCell(system: "kepler", noise: 0, trajectories: 10, points: 100))
    #expect(plan.tasks[5].request.noise == 0.1 && plan.tasks[5].request.firstSeed == 9)
    #expect(plan.tasks.map(\.index) == Array(0..<8))
    let dir = try planned()
    try run(["sweep", "plan", (dir as NSString).deletingLastPathComponent + "/spec.json", "--out", dir])
    try Data("{ \"systems\": [\"kepler\"] }".utf8).write(to: URL(fileURLWithPath: dir + "/../other.json"))
    #expect(throws: CommandLineError.self) {
      try run(["sweep", "plan", dir + "/../other.json", "--out", dir])
    }
  }

  @Test func gridsAreAUnionAndACellInTwoGridsIsRefused() throws {
    let spec = try SweepSpec.parse(
      Data(
        """
        { "systems": ["spring-mass"], "seeds": 2, "grids": [
          { "methods": ["baseline", "sindy"], "noise": [0, 0.1] },
          { "methods": ["sindy"], "reference": "sindy", "trajectories": [5, 10], "points": [10] } ] }
        """.utf8), path: "g.json")
    let plan = try SweepPlan(spec, name: "g")
    #expect(plan.tasks.count == 8 && plan.cells.count == 4)
    #expect(plan.tasks[0].request.methods == ["baseline", "sindy"] && plan.tasks[0].cell.points == 30)
    #expect(plan.tasks[7].request.methods == ["sindy"] && plan.tasks[7].cell.trajectories == 10)
    do {
      _ = try SweepSpec.parse(
        Data("{ \"systems\": [\"kepler\"], \"grids\": [ { \"noise\": [\"x\"] } ] }".utf8), path: "g.json")
      Issue.record("a bad grid was accepted")
    } catch let error as CommandLineError {
      #expect(error.description.hasPrefix("sweep spec 'g.json', grids[0]: field 'noise'"), "\(error)")
    }
    #expect(throws: CommandLineError.self) {
      try SweepSpec.parse(
        Data("{ \"systems\": [\"kepler\"], \"grids\": [ { \"nosie\": [0.1] } ] }".utf8), path: "g.json")
    }
    let twice = try SweepSpec.parse(
      Data(
        "{ \"systems\": [\"kepler\"], \"grids\": [ { \"noise\": [0.1] }, { \"noise\": [0.1, 0.2] } ] }".utf8),
      path: "g.json")
    #expect(throws: CommandLineError.self) { try SweepPlan(twice, name: "g") }
  }

  /// The acceptance test: the same cells through `compare`, through 2 local workers and
  /// through the local Slurm give bitwise the same metrics; no task runs twice.
  @Test func compareLocalWorkersAndSlurmGiveTheSameMetrics() throws {
    #expect(FileManager.default.isExecutableFile(atPath: noetherBinary), "build first: \(noetherBinary)")
    let workers = try planned()
    let (status, log) = try runNoether(["sweep", "run", workers, "--workers", "2"])
    #expect(status == 0, "\(log)")
    #expect(startedTasks(log).sorted() == [0, 1, 2, 3], "each task runs exactly once: \(log)")
    try run(["sweep", "collect", workers, "--out", workers + "/merged.h5"])
    let fromWorkers = try SweepResultsFile.read(from: workers + "/merged.h5")
    #expect(fromWorkers.cells.count == 2 && fromWorkers.cells.allSatisfy { $0.record.seeds == [2023, 2024] })

    var viaCompare = [String: Double]()
    for system in ["spring-mass", "chemical-kinetics"] {
      let path = workers + "/\(system)-compare.h5"
      try run([
        "compare", "--system", system, "--methods", "baseline,sindy", "--seeds", "2", "--epochs", "3",
        "--trajectories", "6", "--points", "20", "--out", path, "--quiet", "--json",
      ])
      let record = try ResultsFile.read(from: path)
      for run in record.runs {
        for (key, value) in run.metrics where !key.hasPrefix("wall:") {
          viaCompare["\(system)/\(run.method)/\(run.seed)/\(key)"] = value
        }
      }
    }
    let metrics = sweepMetrics(fromWorkers)
    #expect(metrics.count == 2 * 2 * 2 * 6, "\(metrics.keys.sorted())")
    // In this process other tests may have registered metrics of their own; the
    // binary's six are compared.
    #expect(bitwiseEqual(metrics, viaCompare.filter { metrics[$0.key] != nil }))

    guard slurmAvailable else {
      #expect(!slurmRequired, "NOETHER_REQUIRE_SLURM=1 but sbatch or SLURM_CONF is missing")
      return
    }
    let slurm = try planned()
    let submitted = try runNoether(["sweep", "submit", slurm, "--max-running", "2", "--wait"])
    #expect(submitted.status == 0, "\(submitted.errors)")
    let script = try String(contentsOfFile: slurm + "/sweep.sbatch", encoding: .utf8)
    #expect(script.contains("#SBATCH --array=0-3%2"))
    #expect(script.contains("sweep run '\(slurm)' --task \"$SLURM_ARRAY_TASK_ID\""))
    try run(["sweep", "collect", slurm, "--out", slurm + "/merged.h5"])
    #expect(bitwiseEqual(sweepMetrics(try SweepResultsFile.read(from: slurm + "/merged.h5")), metrics))
    let logs = try FileManager.default.contentsOfDirectory(atPath: slurm + "/logs").sorted()
    #expect(logs == ["task-0.log", "task-1.log", "task-2.log", "task-3.log"])
  }

  /// SIGKILL in the middle of a task: no partial results, `status` says missing, and the
  /// re-run runs that task and the ones after it, nothing else.
  @Test func aKilledWorkerLeavesNoPartialResultsAndTheRerunCompletesOnlyWhatIsMissing() throws {
    let dir = try planned(
      """
      { "systems": ["chemical-kinetics"], "methods": ["baseline", "sindy"], "seeds": 3, "epochs": 200,
        "trajectories": [6], "points": [20] }
      """)
    let sweep = SweepDirectory(dir)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: noetherBinary)
    process.arguments = ["sweep", "run", dir, "--quiet"]
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(120)
    while !(sweep.state(of: 0) == .done && sweep.state(of: 1) == .running) && Date() < deadline
      && process.isRunning
    {
      usleep(20_000)
    }
    #expect(sweep.state(of: 1) == .running, "task 1 never ran while the worker was alive")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let finished =
      try FileManager.default.attributesOfItem(atPath: sweep.resultsPath(0))[.modificationDate] as? Date
    #expect(sweep.state(of: 1) == .missing)
    #expect(!FileManager.default.fileExists(atPath: sweep.resultsPath(1)))
    let (status, log) = try runNoether(["sweep", "run", dir])
    #expect(status == 0, "\(log)")
    #expect(startedTasks(log) == [1, 2], "\(log)")
    let after =
      try FileManager.default.attributesOfItem(atPath: sweep.resultsPath(0))[.modificationDate] as? Date
    #expect(finished == after)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: sweep.tasksPath).filter {
      $0.hasSuffix(".tmp")
    }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }

  @Test func statusCollectAndInspectShowTheCellsAndTheJSONKeys() throws {
    let dir = try planned()
    try run(["sweep", "run", dir, "--task", "0", "--quiet"])
    try run(["sweep", "run", dir, "--task", "2", "--quiet"])
    let sweep = SweepDirectory(dir)
    try Data("a method diverged\n".utf8).write(to: URL(fileURLWithPath: sweep.failurePath(3)))
    #expect(sweep.state(of: 3) == .failed("a method diverged"))
    #expect(sweep.state(of: 1) == .missing)
    let plan = try sweep.readPlan()
    #expect(
      SweepStatusCommand.summary(plan: plan, states: plan.tasks.map { sweep.state(of: $0.index) }, path: dir)
        .hasSuffix("4 tasks: 2 done, 1 failed, 0 running, 1 missing"))
    #expect(throws: CommandLineError.self) { try run(["sweep", "run", dir, "--task", "4"]) }

    let (results, leftOut) = try SweepCollector(directory: sweep).collect()
    #expect(leftOut.map(\.index) == [1, 3])
    let text = SweepCollectCommand.tables(results)
    #expect(text.contains("## spring-mass, σ = 0.01, 6 training trajectories × 20 points"))
    #expect(text.contains("method    status    MSE"))
    let json =
      try JSONSerialization.jsonObject(with: Data(try SweepCollectCommand.json(results).utf8))
      as! [String: Any]
    let cells = json["cells"] as! [[String: Any]]
    #expect(cells.count == 2)
    #expect(
      Set(cells[0].keys).isSuperset(of: [
        "system", "noise", "training_trajectories", "points", "seeds", "methods",
      ]))
    #expect((cells[1]["methods"] as! [String: Any]).keys.sorted() == ["baseline", "sindy"])

    try run(["sweep", "collect", dir, "--out", dir + "/merged.h5", "--report", dir + "/report"])
    let table = try InspectCommand.resultsTable(path: dir + "/merged.h5")
    #expect(table?.hasPrefix("sweep 'tiny': 2 cells") == true, "\(table ?? "nil")")
    let html = try String(contentsOfFile: dir + "/report/index.html", encoding: .utf8)
    #expect(html.contains("<h2>chemical-kinetics, σ = 0.01, 6 training trajectories × 20 points</h2>"))
  }

  @Test func theReportDrawsNoiseCurvesFromAMergedFile() throws {
    let dir = try planned(
      """
      { "systems": ["spring-mass"], "methods": ["sindy"], "noise": [0, 0.1], "trajectories": [6],
        "points": [20] }
      """)
    try run(["sweep", "run", dir, "--quiet"])
    try run(["sweep", "collect", dir, "--out", dir + "/merged.h5"])
    let results = try SweepResultsFile.read(from: dir + "/merged.h5")
    let figures = SweepFigures(results).all
    #expect(
      figures.map(\.name) == [
        "spring-mass-against-noise-6-20-mse", "spring-mass-against-noise-6-20-violation-energy",
      ])
    #expect(figures[0].caption.contains("σ = 0 is drawn at 0.01"))
    #expect(isWellFormedXML(figures[0].svg))
    try run(["report", dir + "/merged.h5", "--out", dir + "/report"])
    #expect(
      FileManager.default.fileExists(atPath: dir + "/report/figures/spring-mass-against-noise-6-20-mse.svg"))
  }
}
