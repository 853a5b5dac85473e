import Discovery
import DiscoveryStore
import Foundation
import NoetherCore
import NoetherStore
import Testing

@testable import NoetherCLI

/// Balance laws through the command line: discovered, printed as JSON, written to an
/// invariants file, read back and enforced.
@Suite(.serialized) struct BalanceLawCommandTests {
  /// The check: the energy with kind `dissipated` and its source.
  @Test func discoverPrintsTheDampedOscillatorsEnergyAsDissipated() throws {
    let (status, output) = try runNoetherOutput([
      "discover", "--system", "damped-oscillator", "--sources", "poly2", "--json",
    ])
    #expect(status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let laws = try #require(json["invariants"] as? [[String: Any]])
    let energy = try #require(laws.first { $0["name"] as? String == "energy" })
    #expect(energy["kind"] as? String == "dissipated")
    #expect(energy["source"] as? String == "−0.2 p²")
    let terms = try #require(energy["terms"] as? [String: Double])
    #expect(
      Set(terms.keys) == ["q^2", "p^2"] && terms.values.allSatisfy { abs($0 - 0.5) < 1e-12 }, "\(terms)")
    #expect(json["sources"] as? String == "poly2")
  }

  /// Written and read back: the file's laws enforce the balance (∇C·f̃ = s) and a step
  /// projection carries ∫s.
  @Test func anInvariantsFileKeepsItsBalanceLaws() throws {
    let dir = temporaryDirectory()
    let path = dir + "/damped.h5"
    try run(["discover", "--system", "damped-oscillator", "--sources", "poly2", "--out", path, "--json"])
    let balance = try #require(try InvariantFile.readBalance(from: path))
    #expect(balance.invariantCount == 1 && balance.quantities.names == ["energy"])
    let states = StateBatch(rows: [[0.3, -0.7], [1.1, 0.4]])
    let expected = states.values.enumerated().filter { $0.offset % 2 == 1 }.map {
      -0.2 * $0.element * $0.element
    }
    #expect(zip(balance.sources(at: states), expected).allSatisfy { abs($0 - $1) < 1e-12 })
    let report = try #require(try InspectOtherKinds.report(path: path))
    #expect(report.contains("energy = 0.5 q² + 0.5 p²,  d/dt energy = −0.2 p²"), "\(report)")
    // A spring-mass file holds no balance law.
    try run(["discover", "--system", "spring-mass", "--out", dir + "/spring.h5", "--json"])
    #expect(try InvariantFile.readBalance(from: dir + "/spring.h5") == nil)
  }

  /// A bad source library is refused in one line naming the option.
  @Test func aBadSourceLibraryIsRefusedInOneLine() throws {
    let (status, errors) = try runNoether(
      ["discover", "--system", "damped-oscillator", "--sources", "poly2+nonsense"], environment: [:])
    #expect(status != 0)
    #expect(errors.contains("--sources") && errors.split(separator: "\n").count == 1, "\(errors)")
  }

  /// concernet-exact with the known balance law keeps it along its rollouts (the balance
  /// violation at the integrator's error), where the baseline does not.
  @Test func concernetExactEnforcesTheKnownBalanceLaw() throws {
    let dir = temporaryDirectory()
    let (status, output) = try runNoetherOutput([
      "compare", "--system", "damped-oscillator", "--methods", "baseline,concernet-exact", "--enforce",
      "known",
      "--epochs", "30", "--trajectories", "10", "--json", "--quiet", "--out", dir + "/r.h5",
    ])
    #expect(status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let methods = try #require(json["methods"] as? [String: [String: Any]])
    func violation(_ name: String) -> Double? {
      let balance = methods[name]?["balance-violation"] as? [String: [String: Double]]
      return balance?["energy"]?["mean"]
    }
    let (exact, baseline) = (try #require(violation("concernet-exact")), try #require(violation("baseline")))
    #expect(exact < 1e-6 * baseline, "\(exact) against \(baseline)")
  }
}

/// Runs the `noether` binary; its exit status and standard output.
func runNoetherOutput(_ arguments: [String]) throws -> (status: Int32, output: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: noetherBinary)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
