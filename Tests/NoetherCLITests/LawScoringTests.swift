import Foundation
import NoetherCompare
import NoetherCore
import NoetherStore
import NoetherSystems
import Testing

@testable import NoetherCLI

/// `compare --laws FILE`: every model scored on the quantities an invariants file holds,
/// a column `violation NAME` each (`LawViolation`).
@Suite(.serialized) struct LawScoringTests {
  /// Spring mass: discovery on its data finds the energy exactly (rounded, named and
  /// scaled as the known one), so the file's column equals the known energy's violation
  /// on every method's run, computed apart from it.
  @Test func aDiscoveredLawIsScoredLikeTheKnownInvariantItFinds() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (data, laws, out) = (dir + "/spring.h5", dir + "/laws.h5", dir + "/results.h5")
    try run(["generate", "--system", "spring-mass", "--trajectories", "6", "--out", data])
    try run(["discover", "--data", data, "--out", laws, "--json"])
    let file = try InspectOtherKinds.report(path: laws) ?? ""
    #expect(file.contains("1 law(s)") && file.contains("q² + p²"), "\(file)")
    try run([
      "compare", "--data", data, "--methods", "baseline,sindy", "--epochs", "5", "--laws", laws, "--out", out,
      "--quiet", "--json",
    ])
    let record = try ResultsFile.read(from: out)
    #expect(record.runs.count == 2)
    for run in record.runs {
      let law = try #require(run.metrics["law:energy"], "\(run.metrics.keys.sorted())")
      let energy = try #require(run.metrics["violation:energy"])
      #expect(energy > 0 && abs(law - energy) <= 1e-9 * law, "\(run.method): \(law) against \(energy)")
    }
  }

  /// The pendulum record: no law, but its energy is approximately conserved; the file
  /// keeps the combination, `inspect` shows it, and `compare --laws` scores it as
  /// `violation approximate` (the HNN paper's energy error along rollouts, up to the
  /// energy's scale), finite and positive for the baseline; `--enforce` refuses it.
  @Test func anApproximatelyConservedCombinationIsScoredOnARecord() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (data, laws, out) = (dir + "/pend.h5", dir + "/laws.h5", dir + "/results.h5")
    try run([
      "import", MeasuredRecordTests.realRecord("real_pend_h_1.txt"), "--columns", "trial,t,theta,omega",
      "--trajectory-column",
      "trial", "--time-column", "t", "--out", data, "--quiet",
    ])
    try run(["discover", "--data", data, "--library", "poly2+trig", "--out", laws, "--json"])
    let report = try InspectOtherKinds.report(path: laws) ?? ""
    #expect(report.contains("approximately conserved") && report.contains("cos(theta)"), "\(report)")
    try run([
      "compare", "--data", data, "--methods", "baseline", "--epochs", "5", "--laws", laws, "--out", out,
      "--quiet",
    ])
    let run = try #require(try ResultsFile.read(from: out).runs.first)
    let violation = try #require(run.metrics["law:approximate"])
    #expect(violation > 0 && violation.isFinite)
    // Enforcing it would force a law the data break: refused in one line, no results file.
    let refused = dir + "/refused.h5"
    let (status, line) = try runProgram(
      noetherBinary,
      ["compare", "--data", data, "--methods", "concernet-exact", "--enforce", laws, "--out", refused],
      standardError: true)
    #expect(
      status != 0 && line.contains("--enforce \(laws): the file holds no conservation or balance law")
        && line.contains("only an approximately conserved quantity") && line.contains("--laws \(laws)"),
      "\(line)")
    #expect(!FileManager.default.fileExists(atPath: refused))
  }

  /// Laws over other states than the system's: one line naming the option, the file and
  /// both state lists, before any training; a missing file: one line saying how to make it.
  @Test func lawsOfAnotherSystemAreRefused() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let laws = dir + "/kinetics-laws.h5"
    try run(["discover", "--system", "chemical-kinetics", "--out", laws, "--json"])
    let (status, output) = try runProgram(
      noetherBinary, ["compare", "--system", "spring-mass", "--laws", laws, "--epochs", "2"],
      standardError: true)
    #expect(
      status != 0 && output.contains("--laws \(laws)") && output.contains("spring-mass's state is (q, p)"),
      "\(output)")
    let (missing, text) = try runProgram(
      noetherBinary, ["compare", "--laws", dir + "/none.h5", "--epochs", "2"], standardError: true)
    #expect(missing != 0 && text.contains("no such file; make one with 'noether discover"), "\(text)")
    let (enforced, line) = try runProgram(
      noetherBinary, ["compare", "--methods", "concernet-exact", "--enforce", dir + "/none.h5"],
      standardError: true)
    #expect(
      enforced != 0 && line.contains("--enforce \(dir)/none.h5: no such file (and not discovered or known)"))
  }

  /// In a sweep spec, `laws` and an `enforce` file are relative to the spec file, as
  /// `records` are; `discovered` and `known` stay names.
  @Test func aSpecsLawsAreRelativeToTheSpecFile() throws {
    let dir = "/tmp/a-sweep"
    let text = #"{"systems": ["spring-mass"], "laws": "laws.h5", "enforce": "../found.h5"}"#
    let spec = try SweepSpec.parse(Data(text.utf8), path: dir + "/spec.json")
    #expect(spec.comparison.laws == dir + "/laws.h5" && spec.comparison.enforce == "/tmp/found.h5")
    let named = try SweepSpec.parse(
      Data(#"{"systems": ["spring-mass"], "enforce": "known"}"#.utf8), path: dir + "/s.json")
    #expect(named.comparison.enforce == "known")
  }
}
