import Foundation
import Testing

/// `noether training-laws` as a user runs it.
@Suite struct TrainingLawsCommandTests {
  /// Runs the binary; its status, standard output and standard error.
  func noether(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: noetherBinary)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self)
    )
  }

  @Test func countPrintsTheIssuesJSON() throws {
    for (network, widths, flow, expected) in [
      ("linear", "3,2,2", "gradient", 3), ("relu", "2,5,2", "gradient", 5),
      ("linear", "2,5,2", "heavy-ball", 10),
    ] {
      let run = try noether([
        "training-laws", "--network", network, "--widths", widths, "--flow", flow, "--json",
      ])
      #expect(run.status == 0, "\(run.errors)")
      let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
      #expect(object?["count"] as? Int == expected, "\(network) \(widths) \(flow)")
      #expect((object?["quadratic_laws"] as? [Any])?.count == expected)
    }
  }

  @Test func badNetworksGetOneLineNamingTheOption() throws {
    for (arguments, option) in [
      (["--widths", "3,x,2"], "--widths"), (["--network", "sigmoid"], "--network"),
      (["--network", "tanh", "--flow", "heavy-ball"], "one hidden layer"),
      (["--widths", "3,2,2,2", "--flow", "heavy-ball"], "one hidden layer"), (["--flow", "adam"], "--flow"),
      (["--widths", "10,10,2"], "--widths"), (["--widths", "6,6,4", "--flow", "heavy-ball"], "--widths"),
    ] {
      let run = try noether(["training-laws"] + arguments)
      #expect(run.status != 0)
      let lines = run.errors.split(separator: "\n").filter { $0.hasPrefix("Error") }
      #expect(lines.count == 1 && lines[0].contains(option), "\(run.errors)")
    }
  }

  @Test func deeperAndTanhNetworksAreCountedByExactBrackets() throws {
    let run = try noether([
      "training-laws", "--network", "linear", "--widths", "2,2,1", "--brackets", "--json",
    ])
    let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
    #expect(object?["count"] as? Int == 3 && object?["method"] as? String == "exact brackets")
  }

  @Test func recordWritesRunsThatDiscoverReads() throws {
    let dir = temporaryDirectory()
    let record = try noether(["training-laws", "record", "--runs", "10", "--out", dir + "/runs.h5"])
    #expect(record.status == 0, "\(record.errors)")
    let found = try noether(["discover", "--data", dir + "/runs.h5", "--library", "poly2", "--json"])
    let object = try JSONSerialization.jsonObject(with: Data(found.output.utf8)) as? [String: Any]
    #expect((object?["invariants"] as? [Any])?.count == 3)
    #expect(object?["count_reliable"] as? Bool == true)
  }
}
