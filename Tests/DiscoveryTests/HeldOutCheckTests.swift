import Foundation
import NoetherCore
import NoetherSystems
import SINDy
import Testing

@testable import Discovery

/// A law must hold on data it was not fitted on (`HeldOutCheck`).
@Suite struct HeldOutCheckTests {
  private func prepared(trajectories: Int, noise: Double) throws -> PreparedData {
    var settings = SpringMass().referenceProtocol.resized(trajectories: trajectories)
    settings.noise = noise
    let data = try DatasetGenerator().generate(SpringMass(), protocol: settings)
    return try PreparedData(
      data.trajectories, library: try FeatureLibraryRegistry.shared.library("poly2"), librarySpec: "poly2",
      stateNames: ["q", "p"], noise: data.noise)
  }

  /// poly2 terms 1, q, p, q², q p, p²: the energy q² + p², and q² + 1.1 p², which is not
  /// conserved (it changes by 0.1 p² along an orbit).
  private let energy = [0, 0, 0, 1.0, 0, 1]
  private let nearLaw = [0, 0, 0, 1.0, 0, 1.1]

  /// On noisy spring-mass data (20 trajectories, dealt into two folds): the energy's
  /// held-out λ is 1 within the noise (its rise |z| < 4, drift z < 4); the near-law's is
  /// far beyond 1 on every fold, and fitted again
  /// on each fold over its own terms it becomes the energy and holds.
  @Test func theEnergyHoldsOnHeldOutTrajectoriesAndANearLawDoesNot() throws {
    let data = try prepared(trajectories: 20, noise: 0.01)
    let check = try #require(HeldOutCheck(data, significance: 6))
    #expect(check.folds == .trajectories)
    let law = check.figures(energy, rounded: true, data: data)
    #expect(law.z.isNaN && law.drift < 4 && abs(law.noiseRatio - 1) < 0.2, "rounded: no rise; \(law)")
    let wrong = check.figures(nearLaw, rounded: true, data: data)
    #expect(wrong.noiseRatio > 2, "as it is, it fails on every fold: \(wrong)")
    let refitted = check.figures(nearLaw, rounded: false, data: data)
    #expect(abs(refitted.z) < 4, "refitted on q², p² alone it is the energy again: \(refitted)")
  }

  /// Fewer than 4 trajectories: the folds are the halves of each trajectory. Exact data:
  /// the held-out spread is round-off for the energy, and the near-law's is not.
  @Test func fewTrajectoriesAreCutIntoSegmentsAndExactDataAreJudgedBySpread() throws {
    let noisy = try prepared(trajectories: 3, noise: 0.01)
    #expect(try #require(HeldOutCheck(noisy, significance: 6)).folds == .segments)
    let exact = try prepared(trajectories: 10, noise: 0)
    let check = try #require(HeldOutCheck(exact, significance: 6))
    let law = check.figures(energy, rounded: true, data: exact)
    let wrong = check.figures(nearLaw, rounded: true, data: exact)
    #expect(law.spread < 1e-6 && law.z.isNaN, "\(law)")
    #expect(wrong.spread > 1e-2, "\(wrong)")
  }

  /// Discovery reports the figures beside each law, in words and in JSON.
  @Test func discoveryReportsTheHeldOutFiguresOfEachLaw() throws {
    var settings = SpringMass().referenceProtocol
    settings.noise = 0.01
    let data = try DatasetGenerator().generate(SpringMass(), protocol: settings)
    let result = try InvariantDiscovery(library: try FeatureLibraryRegistry.shared.library("poly2"))
      .discover(data.trajectories, stateNames: ["q", "p"], noise: data.noise)
    let figures = try #require(result.laws.first?.heldOut)
    #expect(figures.folds == .trajectories && figures.drift < 4)
    let report = DiscoveryReport(result: result, system: SpringMass(), data: data.trajectories, seconds: 0)
    #expect(report.text.contains("on held-out trajectories: λ = "))
    let items = report.jsonObject["invariants"] as? [[String: Any]]
    let json = items?.first?["held_out"] as? [String: Any]
    #expect(
      json?["folds"] as? String == "trajectories" && (json?["drift_z"] as? Double).map { $0 < 4 } == true)
  }
}
