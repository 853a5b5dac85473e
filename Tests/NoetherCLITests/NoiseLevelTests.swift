import Foundation
import NoetherCompare
import NoetherCore
import NoetherStore
import NoetherSystems
import Testing

@testable import NoetherCLI

/// The noise level is resolved once, where the data are read.
@Suite(.serialized) struct NoiseLevelTests {
  /// A file that records no noise: its level is estimated from the states (within 25 % of
  /// the σ = 0.05 the data were made with), and `compare --methods baseline,concernet-exact`
  /// discovers on it and completes, as `discover --data` does (it used to fail with
  /// "invalid noise nan").
  @Test func aFileWithoutANoiseLevelRunsThroughConcernetExact() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var settings = SpringMass().referenceProtocol
    settings.noise = 0.05
    var dataset = try DatasetGenerator().generate(SpringMass(), protocol: settings)
    dataset.noise = .estimated(from: dataset.trajectories)
    let path = dir + "/unrecorded.h5"
    try TrajectoryFile.write(dataset, to: path)

    let read = try TrajectoryFile.read(from: path)
    #expect(read.noise.source == .estimated && read.noise.statedSigma == nil)
    #expect(abs(read.noise.sigma - 0.05) < 0.25 * 0.05, "\(read.noise)")
    #expect(read.noise.components?.count == 2)

    let out = dir + "/results.h5"
    try run([
      "compare", "--data", path, "--methods", "baseline,concernet-exact", "--epochs", "3", "--out", out,
      "--quiet", "--json",
    ])
    let record = try ResultsFile.read(from: out)
    let exact = record.runs.first { $0.method == "concernet-exact" }
    #expect(exact?.outcome == .completed, "\(String(describing: exact?.outcome))")
    #expect(exact?.invariantSource == "discovered")
    #expect(abs(record.noise - read.noise.sigma) == 0)

    // --noise with --data: the level assumed instead of the file's own, in every command.
    let options = try DataOptions.parse(["--data", path, "--noise", "0.07"])
    let given = try #require(try options.readData())
    #expect(given.noise == (try NoiseLevel(given: 0.07)))
  }

  /// A record in mixed units (q, and P = 100 p), noise 0.01 on q and 1 on P, with no level
  /// recorded: the estimate by component is printed with its figures by `inspect`,
  /// `discover` (text and `noise_components` in `--json`) and `compare`'s headline, each
  /// within 25 % of the level the component was made with.
  @Test func anEstimatedLevelIsPrintedByComponent() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try StatedNoiseTests.mixedRecord(in: dir, seed: 11)
    let dataset = try DataInput.read(dir + "/mixed.csv", derivatives: nil)
    let components = try #require(dataset.noise.components)
    #expect(abs(components[0] - 0.01) < 0.25 * 0.01 && abs(components[1] - 1) < 0.25, "\(components)")
    let text = try #require(dataset.noise.componentText(stateNames: ["q", "P"]))
    #expect(text == "q \(NumberFormat.short(components[0])), P \(NumberFormat.short(components[1]))")
    #expect(InspectCommand.report(path: "mixed.csv", dataset: dataset).contains("by component " + text))

    let (status, output) = try runProgram(
      noetherBinary, ["discover", "--data", dir + "/mixed.csv", "--library", "poly2", "--json"])
    #expect(status == 0, "\(output)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let printed = try #require(json["noise_components"] as? [Double])
    #expect(printed.count == 2 && zip(printed, components).allSatisfy { abs($0 - $1) <= 1e-12 * $1 })
    let (_, table) = try runProgram(
      noetherBinary, ["compare", "--data", dir + "/mixed.csv", "--methods", "sindy", "--quiet"])
    #expect(table.contains("estimated from the states (" + text + ")"), "\(table)")
  }

  @Test func aGivenLevelMustBeAFiniteNumberAtLeastZero() throws {
    #expect(try NoiseLevel(given: 0) == .exact)
    #expect(try NoiseLevel(given: 0.1).source == .given)
    for bad in [-0.1, .nan, .infinity] {
      #expect(throws: NoetherError.self) { try NoiseLevel(given: bad) }
    }
  }
}
