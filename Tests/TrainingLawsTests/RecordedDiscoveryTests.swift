import Discovery
import NoetherCore
import SINDy
import Testing
import TrainingLaws

/// `noether discover` on recorded gradient-flow runs of the linear (3,2,2) network.
@Suite struct RecordedDiscoveryTests {
  func discover(runs: Int, points: Int) throws -> DiscoveryResult {
    let net = try NetworkArchitecture(widths: [3, 2, 2], activation: .linear)
    var generator = SeededGenerator(seed: 2023)
    let data = TrainingData.teacher(count: 20, architecture: net, loss: .mse, using: &generator)
    let loss = try NetworkLoss(architecture: net, data: data, loss: .mse)
    let laws = try LawEnumeration.count(net, flow: .gradient).quadraticLaws
    let system = GradientFlowSystem(loss: loss, laws: laws, runs: runs, points: points)
    let record = try DatasetGenerator().generate(system, protocol: system.referenceProtocol)
    let library = try FeatureLibraryRegistry.shared.library("poly2")
    return try InvariantDiscovery(library: library, librarySpec: "poly2").discover(
      record.trajectories, stateNames: system.stateNames, noise: record.noise,
      knownInvariants: system.invariants)
  }

  @Test func tenRunsGiveExactlyTheThreeLawsWithAWideGap() throws {
    let result = try discover(runs: 10, points: 41)
    #expect(result.invariants.invariantCount == 3 && result.independentCount == 3)
    #expect(
      (result.exactCountGap ?? 0) >= DiscoveryResult.reliableGap,
      "gap \(String(describing: result.exactCountGap))")
  }

  @Test func oneRunPassesManyFormsAndClaimsNone() throws {
    let result = try discover(runs: 1, points: 101)
    let passing = result.spectrum.filter { $0 <= result.threshold }.count
    #expect(passing >= 30, "\(passing) directions pass on one run")
    #expect(result.invariants.invariantCount == 0)
    #expect(result.rejected.contains { $0.rule == .singleTrajectory })
  }

  @Test func fiveRunsAreFlaggedUnreliable() throws {
    let result = try discover(runs: 5, points: 41)
    #expect((result.exactCountGap ?? .infinity) < DiscoveryResult.reliableGap)
  }
}
