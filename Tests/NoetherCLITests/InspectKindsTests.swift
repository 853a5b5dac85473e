import Foundation
import NoetherCore
import NoetherStore
import Testing

@testable import NoetherCLI

/// `inspect` reads every file Noether writes and names its kind.
@Suite(.serialized) struct InspectKindsTests {
  @Test func anInvariantsFileShowsItsLaws() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try run(["discover", "--system", "spring-mass", "--out", dir + "/laws.h5", "--json"])
    let report = try #require(try InspectOtherKinds.report(path: dir + "/laws.h5"))
    let lines = report.split(separator: "\n")
    #expect(lines[0].contains("discovered invariants (noether-invariants) of spring-mass, library poly3"))
    #expect(lines.count == 2 && lines[1] == "  energy = q² + p²", "\(report)")
  }

  @Test func aModelFileShowsItsMethodSettingsAndArrays() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let archive = ModelArchive(
      method: "sindy", settings: ["library": "poly2"],
      arrays: ["coefficients": .init(shape: [6, 2], values: Array(repeating: 0.5, count: 12))])
    try ModelFile.write(archive, system: "spring-mass", to: dir + "/m.h5")
    let report = try #require(try InspectOtherKinds.report(path: dir + "/m.h5"))
    #expect(
      report.split(separator: "\n") == [
        "\(dir)/m.h5: a trained sindy model (noether-model) of spring-mass", "  library = poly2",
        "  coefficients 6 × 2",
      ])
    try run([
      "generate", "--system", "spring-mass", "--trajectories", "4", "--points", "10", "--out", dir + "/d.h5",
      "--quiet",
    ])
    #expect(try InspectOtherKinds.report(path: dir + "/d.h5") == nil)
  }
}
