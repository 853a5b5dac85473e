import Foundation
import NoetherCompare
import NoetherCore
import NoetherMethods
import NoetherStore
import NoetherSystems
import Testing

@testable import NoetherCLI

/// A three-dimensional rotation ẋ = ω × x: |x|² is conserved, and the odd dimension
/// makes an HNN inapplicable.
struct Rotation3D: DynamicalSystem {
  var name: String { "rotation-3d" }
  var dimension: Int { 3 }
  var stateNames: [String] { ["x", "y", "z"] }
  var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      trajectoryCount: 8, trainingCount: 4, pointCount: 15, duration: 2, evaluationHorizon: 2,
      evaluationPointCount: 21, evaluationTrajectoryCount: 3)
  }
  func derivatives(at s: StateBatch) -> StateBatch {
    var f = s
    for i in 0..<s.count {
      f[i, 0] = -s[i, 1]
      f[i, 1] = s[i, 0] - 0.5 * s[i, 2]
      f[i, 2] = 0.5 * s[i, 1]
    }
    return f
  }
  var invariants: [KnownInvariant] {
    [
      KnownInvariant(
        name: "radius", formula: "x² + y² + z²",
        value: { s in (0..<s.count).map { s[$0, 0] * s[$0, 0] + s[$0, 1] * s[$0, 1] + s[$0, 2] * s[$0, 2] } },
        gradient: { s in StateBatch(count: s.count, dimension: 3, values: s.values.map { 2 * $0 }) })
    ]
  }
  func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    StateBatch(count: count, dimension: 3, values: (0..<(3 * count)).map { _ in g.uniform(-1, 1) })
  }
}

/// The common options of a tiny comparison: 3 epochs of every network, hidden widths 8.
var tinyOptions: MethodOptions {
  var options = MethodOptions()
  options.epochs = 3
  options.hidden = [8, 8]
  return options
}

/// An experiment small enough for a unit test: 6 trajectories of 12 points, 3 epochs,
/// hidden widths 8, 3 evaluation trajectories of 21 points; the built-in methods by default.
func tinyExperiment(
  _ system: any DynamicalSystem, seeds: Int = 2,
  methods: [String] = ["baseline", "concernet", "soft", "hnn", "sindy"]
) -> Experiment {
  let chosen = try! MethodRegistry(builtIns: true).methods(named: methods, options: tinyOptions, for: system)
  var p = system.referenceProtocol.resized(trajectories: 6)
  p.pointCount = 12
  p.evaluationPointCount = 21
  p.evaluationTrajectoryCount = 3
  p.evaluationHorizon = 1
  return Experiment(system: system, protocolSettings: p, methods: chosen, seedCount: seeds)
}

@Suite(.serialized) struct CompareTests {
  @Test func tableJSONAndResultsFileHoldWhatTheSchemaSays() throws {
    let result = try ComparisonRunner().run(tinyExperiment(SpringMass()))
    let report = ComparisonReport(result)
    #expect(
      report.header == ["method", "status", "MSE", "violation energy", "R² energy", "train s", "evaluate s"])
    #expect(report.rows.map { $0[0] } == ["baseline", "concernet", "soft", "hnn", "sindy"])
    #expect(report.rows.allSatisfy { $0.count == report.header.count })
    #expect(report.rows.first { $0[0] == "concernet" }![2].contains(" ± "))  // two seeds
    let json = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as! [String: Any]
    #expect(json["wall_seconds"] is Double)
    let methods = json["methods"] as! [String: [String: Any]]
    #expect(Set(methods.keys) == ["baseline", "concernet", "soft", "hnn", "sindy"])
    for (_, entry) in methods {
      #expect((entry["mse"] as! [String: Any]).keys.sorted() == ["mean", "std"])
      #expect((entry["violation"] as! [String: Any])["energy"] != nil)
      #expect(entry["r2"] is [String: Any] && entry["wall_seconds"] is Double)
    }
    #expect(((methods["concernet"]!["r2"] as! [String: Any])["energy"] as! [String: Any])["mean"] is Double)
    let paired = json["paired_with_baseline"] as! [String: [String: Any]]
    #expect(Set(paired.keys) == ["concernet", "soft", "hnn", "sindy"])
    #expect(
      (paired["concernet"]!["mse"] as! [String: Any]).keys.sorted() == ["lower", "p", "ratio", "seeds"])
    #expect((paired["concernet"]!["violation"] as! [String: Any])["energy"] != nil)
    #expect(report.table.contains("concernet vs baseline, paired by seed: MSE lower on "))
    // The results file holds every run's metrics.
    let path = NSTemporaryDirectory() + "noether-compare-\(UUID().uuidString).h5"
    try ResultsFile.write(result, to: path)
    let metrics = try ResultsFile.readMetrics(from: path)
    #expect(Set(metrics.keys) == ["baseline", "concernet", "soft", "hnn", "sindy"])
    #expect(metrics["concernet"]!.keys.sorted() == ["seed-2023", "seed-2024"])
    #expect(metrics["concernet"]!["seed-2023"]!["mse"]! == result.runs(of: "concernet")[0].mse)
    #expect(metrics["hnn"]!["seed-2023"]!["seconds:train"] != nil)
    let readBack = try ResultsFile.read(from: path)
    let reach = { (runs: [MethodRun]) in
      Dictionary(uniqueKeysWithValues: runs.map { ("\($0.method)/\($0.seed)", $0.rolloutReach) })
    }
    #expect(reach(readBack.runs) == reach(result.runs))
    #expect(result.runs.allSatisfy { $0.rolloutReach.isFinite && $0.rolloutReach > 0 })
    // `noether inspect` prints the same table from the file.
    #expect(try InspectCommand.resultsTable(path: path) == report.table)
    #expect(try InspectCommand.resultsTable(path: path)!.contains("paired by seed"))
    // Truth and rollouts agree in shape: MSE is finite for every method.
    #expect(result.runs.allSatisfy { $0.mse.isFinite })
  }

  @Test func aUserSystemRunsThroughTheComparisonAndHNNIsNotApplicable() throws {
    let result = try ComparisonRunner().run(tinyExperiment(Rotation3D(), seeds: 1))
    let hnn = result.runs(of: "hnn")[0]
    #expect(
      hnn.outcome
        == .notApplicable(
          "an HNN needs canonical coordinates (q, p), an even dimension; rotation-3d has dimension 3"))
    #expect(result.runs(of: "concernet")[0].outcome == .completed)
    let row = ComparisonReport(result).rows.first { $0[0] == "hnn" }!
    #expect(row[1] == "not applicable")
    #expect(ComparisonReport(result).table.contains("hnn: not applicable"))
  }

  /// In an autoencoder's latent space the reason names both dimensions, not the latent
  /// one as the system's.
  @Test func anHNNInLatentSpaceNamesTheLatentAndTheSystemsDimension() {
    let reason = HNNMethod().inapplicability(to: MethodProblem(system: HeatEquation(), latentDimension: 9))
    #expect(
      reason
        == "an HNN needs canonical coordinates (q, p), which an autoencoder's latent space (dimension 9, of heat-equation's 101) does not give"
    )
  }

  @Test func theCommandRunsEndToEnd() throws {
    SystemRegistry.shared.register(Rotation3D())
    let path = NSTemporaryDirectory() + "noether-compare-\(UUID().uuidString).h5"
    try run([
      "compare", "--system", "rotation-3d", "--methods", "baseline,sindy", "--epochs", "2", "--out", path,
      "--json", "--quiet",
    ])
    #expect(try ResultsFile.readMetrics(from: path).keys.sorted() == ["baseline", "sindy"])
    #expect(throws: CommandLineError.self) { try run(["compare", "--methods", "baseline,magic", "--quiet"]) }
    #expect(throws: (any Error).self) { try run(["compare", "--independence", "0.001", "--quiet"]) }
    #expect(throws: (any Error).self) {
      try run(["compare", "--invariants", "2", "--independence", "-1", "--quiet"])
    }
  }

  @Test func aRolloutOverItsStepBudgetIsReportedAsFailed() throws {
    var experiment = tinyExperiment(SpringMass(), seeds: 1, methods: ["baseline", "sindy"])
    experiment.settings.rolloutStepBudget = 3
    let result = try ComparisonRunner().run(experiment)
    for run in result.runs {
      guard case .failed(let reason) = run.outcome else {
        Issue.record("\(run.method) should have failed, got \(run.outcome)")
        continue
      }
      #expect(reason.contains("the step budget ran out at t = "), "\(reason)")
    }
    #expect(ComparisonReport(result).rows.allSatisfy { $0[1] == "1/1 failed" })
  }

  @Test func fieldsAreLearnedInOneSharedLatentSpace() throws {
    let experiment = tinyExperiment(HeatEquation(), seeds: 1)
    let result = try ComparisonRunner().run(experiment)
    let networkRuns = result.runs.filter { ["baseline", "concernet", "soft"].contains($0.method) }
    #expect(networkRuns.allSatisfy { $0.outcome == .completed && $0.mse.isFinite })
    #expect(
      result.runs.filter { $0.method == "hnn" || $0.method == "sindy" }.allSatisfy {
        if case .notApplicable = $0.outcome { return true } else { return false }
      })
    // One autoencoder for the seed: the same time is charged to every network method.
    #expect(result.gridCoordinates.first == -5 && result.gridCoordinates.count == 101)
    let shared = Set(networkRuns.compactMap { $0.seconds["autoencoder (shared)"] })
    #expect(shared.count == 1)
    #expect(result.runs.first { $0.method == "concernet" }!.r2["total-heat"]?.isFinite == true)
    #expect(
      result.runs.first { $0.method == "concernet" }!.archive?.arrays.keys.contains {
        $0.hasPrefix("encoder")
      } == true)
  }

  @Test func thePaperProtocolFollowsTable4() {
    let spring = NamedProtocol.paper.settings(for: SpringMass())
    #expect(spring.trajectoryCount == 100 && spring.trainingCount == 50 && spring.pointCount == 100)
    #expect(spring.duration == 10 && spring.evaluationHorizon == 50 && spring.noise == 0.01)
    #expect(NamedProtocol.paper.settings(for: HeatEquation()).trainingCount == 100)
    #expect(NamedProtocol.paper.hidden == [100] && NamedProtocol.reference.hidden == [100, 100])
    #expect(NamedProtocol.paper.methodOptions.latentSpace.epochs == 1000)
    #expect(NamedProtocol.paper.methodOptions.latentSpace.batchSize == 100)
    #expect(NamedProtocol.reference.methodOptions.latentSpace.batchSize == 20)
    #expect(NamedProtocol.reference.settings(for: Kepler()) == Kepler().referenceProtocol)
  }

  @Test func theNoiseSweepWritesOneResultsFilePerLevel() throws {
    let base = NSTemporaryDirectory() + "noether-sweep-\(UUID().uuidString)"
    try run([
      "compare", "--system", "spring-mass", "--methods", "baseline,sindy", "--epochs", "1", "--noise-sweep",
      "--out",
      base + ".h5", "--json", "--quiet",
    ])
    for level in ["0.0", "0.01", "0.1", "1.0"] {
      let metrics = try ResultsFile.readMetrics(from: base + "-noise-\(level).h5")
      #expect(metrics.keys.sorted() == ["baseline", "sindy"])
    }
    #expect(throws: CommandLineError.self) { try run(["compare", "--protocol", "table9", "--quiet"]) }
    #expect(throws: CommandLineError.self) {
      try run(["compare", "--noise-sweep", "--noise", "0.1", "--quiet"])
    }
  }
}
