import Foundation
import NoetherCompare
import NoetherCore
import SINDy
import Testing

@testable import NoetherCLI

/// One schema for a comparison: `compare`'s options and a sweep spec's fields fill the
/// same `ComparisonRequest` through one declaration (`ComparisonOptions`).
@Suite struct ComparisonSchemaTests {
  /// The invariants file `--laws` names (`aSweepSpecSetsEveryCompareOption` writes it).
  static let lawsPath = temporaryDirectory() + "/laws.h5"

  /// A value for every option of `ComparisonOptions`, on the command line and in JSON.
  static var values: [String: (command: [String], json: Any)] {
    [
      "methods": (["baseline,concernet-exact,sindy"], ["baseline", "concernet-exact", "sindy"]),
      "protocol": (["paper"], "paper"),
      "epochs": (["7"], 7),
      "reference": (["sindy"], "sindy"),
      "enforce": (["known"], "known"),
      "step-projection": (["discovered"], "discovered"),
      "library": (["poly2"], "poly2"),
      "sources": (["poly2"], "poly2"),
      "sindy-library": (["poly3"], "poly3"),
      "sindy-threshold": (["0.05"], 0.05),
      "sindy-ridge": (["0.01"], 0.01),
      "invariants": (["2"], 2),
      "independence": (["0.5"], 0.5),
      "lr-drop": (["0.1"], 0.1),
      "distill": ([], true),
      "assume-canonical": ([], true),
      "evaluate": (["system"], "system"),
      "laws": ([lawsPath], lawsPath),
    ]
  }

  /// Every `compare` option is a comparison option a spec can set, an axis of the sweep
  /// grid (system, noise, sizes, seeds, derivatives), or about where the output goes; a
  /// new option of `compare` fails here until it is one of these.
  @Test func everyCompareOptionIsAComparisonOptionAnAxisOrAnOutput() {
    let own = optionNames(of: CompareCommand())
    let data = optionNames(of: DataOptions())
    let axes: Set = [
      "system", "noise", "trajectories", "points", "seeds", "derivatives", "noise-sweep", "data",
    ]
    let outputs: Set = ["out", "report", "json", "quiet"]
    #expect(Set(own).union(data).subtracting(["source", "comparison"]).isSubset(of: axes.union(outputs)))
    #expect(Set(ComparisonOptions.names) == Set(Self.values.keys), "\(ComparisonOptions.names)")
    for name in ComparisonOptions.names {
      #expect(SweepSpec.fields.contains(name.replacingOccurrences(of: "-", with: "_")))
    }
  }

  /// All of them at once: the request `compare` makes equals the one the spec gives.
  @Test func aSweepSpecSetsEveryCompareOption() throws {
    try run(["discover", "--system", "spring-mass", "--out", Self.lawsPath, "--json"])
    var arguments = [String]()
    var fields: [String: Any] = ["systems": ["spring-mass"]]
    for name in ComparisonOptions.names {
      let value = try #require(Self.values[name])
      arguments += ["--" + name] + value.command
      fields[name.replacingOccurrences(of: "-", with: "_")] = value.json
    }
    let command = try CompareCommand.parse(arguments)
    let fromCommand = command.request(system: "spring-mass", noise: nil)
    let spec = try SweepSpec.parse(try JSONSerialization.data(withJSONObject: fields), path: "s.json")
    var fromSpec = spec.comparison
    fromSpec.system = "spring-mass"
    #expect(fromSpec == fromCommand)
    #expect(
      fromCommand.epochs == 7 && fromCommand.discoveryLibrary == "poly2" && fromCommand.library == "poly3"
        && fromCommand.discoverySources == "poly2")
    #expect(
      fromCommand.finalLearningRateFactor == 0.1 && fromCommand.distill && fromCommand.invariantCount == 2)
    let plan = try SweepPlan(spec, name: "s")
    #expect(plan.tasks[0].request.discoveryLibrary == "poly2" && plan.tasks[0].request.epochs == 7)
  }

  /// A spec field with a value the option refuses names the file and the option.
  @Test func aBadOptionValueInASpecIsOneLineNamingTheFile() throws {
    let data = Data(#"{"systems": ["spring-mass"], "lr_drop": 2}"#.utf8)
    #expect {
      _ = try SweepSpec.parse(data, path: "bad.json")
    } throws: { "\($0)".contains("sweep spec 'bad.json'") && "\($0)".contains("--lr-drop must be in (0, 1]") }
  }
}

/// A slow rotation ẋ = 0.08 y, ẏ = −0.08 x: coefficients below SINDy's default threshold.
struct SlowRotation: DynamicalSystem {
  var name: String { "slow-rotation" }
  var dimension: Int { 2 }
  var stateNames: [String] { ["x", "y"] }
  var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      trajectoryCount: 20, trainingCount: 10, pointCount: 30, duration: 10, evaluationHorizon: 10)
  }
  func derivatives(at s: StateBatch) -> StateBatch {
    var f = s
    for i in 0..<s.count { (f[i, 0], f[i, 1]) = (0.08 * s[i, 1], -0.08 * s[i, 0]) }
    return f
  }
  func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    StateBatch(count: count, dimension: 2, values: (0..<(2 * count)).map { _ in g.uniform(-1, 1) })
  }
}

@Suite struct SINDyOptionTests {
  /// With the default threshold 0.1 SINDy cuts the 0.08 coefficients, learns ẋ = 0 and
  /// the run says so; `--sindy-threshold 0.02 --sindy-ridge 0` keeps them, within 10 % (noise
  /// σ = 0.01 on ẋ ≈ 0.08 y, 300 points of slowly turning orbits beside the other five
  /// terms of poly2: about 5 % measured).
  @Test func theThresholdOptionReachesSINDy() throws {
    let system = SlowRotation()
    func run(_ threshold: String?) throws -> MethodRun {
      var arguments = ["--methods", "sindy"]
      if let threshold { arguments += ["--sindy-threshold", threshold, "--sindy-ridge", "0"] }
      let request = try CompareCommand.parse(arguments).request(system: system.name, noise: nil)
      var options = MethodOptions()
      options.sindyThreshold = request.sindyThreshold
      options.sindyRidge = request.sindyRidge
      let methods = try MethodRegistry(builtIns: true).methods(
        named: ["sindy"], options: options, for: system)
      var settings = system.referenceProtocol
      settings.evaluationTrajectoryCount = 2
      settings.evaluationPointCount = 11
      let record = try ComparisonRunner().run(
        Experiment(system: system, protocolSettings: settings, methods: methods, seedCount: 1))
      return try #require(record.runs.first)
    }
    let cut = try run(nil)
    #expect(cut.outcome.reason?.contains("constant field") == true, "\(cut.outcome)")
    let kept = try run("0.02")
    let model = try SINDyModel(archive: try #require(kept.archive))
    let coefficient = try #require(model.coefficient(of: "y", inEquation: 0))
    #expect(abs(coefficient - 0.08) < 0.1 * 0.08, "\(coefficient)")
  }
}
