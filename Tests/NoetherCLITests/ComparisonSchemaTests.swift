import Foundation
import NoetherCompare
import Testing

@testable import NoetherCLI

/// One schema for a comparison: `compare`'s options and a sweep spec's fields fill the
/// same `ComparisonRequest` through one declaration (`ComparisonOptions`).
@Suite struct ComparisonSchemaTests {
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
      "sindy-library": (["poly3"], "poly3"),
      "invariants": (["2"], 2),
      "independence": (["0.5"], 0.5),
      "lr-drop": (["0.1"], 0.1),
      "distill": ([], true),
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
      fromCommand.epochs == 7 && fromCommand.discoveryLibrary == "poly2" && fromCommand.library == "poly3")
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
