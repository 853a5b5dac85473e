import Discovery
import Foundation
import NoetherCompare
import NoetherCore
import Testing

@testable import NoetherCLI

/// The short-form systems of docs/extending.md: within their line budgets, passing
/// `noether check`, and their invariants over library terms exact.
@Suite struct ShortSystemsTests {
  /// Lines of user code, blank ones too: the file without its first line (a comment for the maintainers),
  /// plus the two a user adds to register it (`import NoetherCLI` and
  /// `SystemRegistry.shared.register(…)`).
  static func userLines(_ file: String) throws -> Int {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let text = try String(contentsOf: here.appendingPathComponent("ShortSystems/\(file)"), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return lines.dropFirst().count - (lines.last?.isEmpty == true ? 1 : 0) + 2
  }

  @Test(arguments: [
    ("ShortPendulum.swift", 20), ("PredatorPrey.swift", 20), ("TwoBody.swift", 30), ("TodaLattice.swift", 30),
  ])
  func eachFitsItsLineBudget(_ file: String, _ budget: Int) throws {
    let lines = try Self.userLines(file)
    #expect(lines <= budget, "\(file): \(lines) lines")
  }

  @Test func eachPassesCheck() throws {
    for system in [shortPendulum, try predatorPrey(), twoBody, todaLattice] {
      let findings = SystemCheck().findings(for: system)
      #expect(findings.allSatisfy { !$0.isProblem }, "\(system.name): \(findings.filter(\.isProblem))")
      #expect(findings.count >= 2 + system.invariants.count, "\(system.name): \(findings)")
    }
  }

  /// V = x + y − ln x − ln y over poly1+log: its values are the closed form's, its
  /// gradient (1 − 1/x, 1 − 1/y) exactly, and its formula is the library's terms.
  @Test func anInvariantOverLibraryTermsIsExact() throws {
    let v = try #require(try predatorPrey().invariants.first)
    #expect(v.formula == "x + y − ln(x) − ln(y)", "\(v.formula)")
    let states = StateBatch(count: 3, dimension: 2, values: [0.5, 2, 1, 1, 3, 0.25])
    let values = v.values(at: states)
    let gradients = v.gradients(at: states)
    for i in 0..<3 {
      let (x, y) = (states[i, 0], states[i, 1])
      #expect(abs(values[i] - (x + y - log(x) - log(y))) <= 1e-15 * max(1, abs(values[i])))
      #expect(gradients[i, 0] == 1 - 1 / x && gradients[i, 1] == 1 - 1 / y)
    }
  }

  @Test func aTermTheLibraryLacksIsNamedWithTheChoices() {
    #expect {
      try KnownInvariant("V", library: "poly1+log", states: ["x", "y"], terms: ["x^2": 1])
    } throws: { error in
      "\(error)".contains("x^2") && "\(error)".contains("ln(y)")
    }
  }
}

/// Predator–prey and the two bodies through `compare` from the command line: the HNN
/// refuses both (they declare no canonical pairs) and says why; no method fails, and
/// every status carries its rollout count.
@Test func theShortSystemsRunThroughCompare() throws {
  SystemRegistry.shared.register(try predatorPrey())
  SystemRegistry.shared.register(twoBody)
  let dir = temporaryDirectory()
  defer { try? FileManager.default.removeItem(atPath: dir) }
  let runs = [
    ("predator-prey", ["--methods", "baseline,sindy,hnn,concernet-exact", "--library", "poly1+log"]),
    ("two-body", ["--methods", "baseline,hnn"]),
  ]
  for (system, methods) in runs {
    try run(
      ["compare", "--system", system, "--epochs", "3", "--trajectories", "8", "--points", "20"] + methods + [
        "--out", "\(dir)/\(system).h5", "--quiet",
      ])
    let record = try ResultsFile.read(from: "\(dir)/\(system).h5")
    let report = ComparisonReport(record)
    let hnn = try #require(record.runs.first { $0.method == "hnn" })
    #expect(hnn.outcome.reason?.contains("\(system) declares none") == true, "\(hnn.outcome)")
    for row in report.rows where row[0] != "hnn" {
      #expect(row[1].hasPrefix("ok ") && row[1].hasSuffix("/10"), "\(system) \(row[0]): \(row[1])")
    }
  }
}
