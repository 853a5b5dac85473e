import Foundation
import NoetherCore
import SINDy
import Testing

@testable import Discovery

/// A library term undefined at a few noisy states leaves those points out, said, instead
/// of refusing the data; a trajectory left with fewer than 3 defined points leaves whole.
@Suite struct UndefinedTermsTests {
  static let system = PointwiseSystem("lotka-volterra", states: ["x", "y"], box: [0.5...1.5, 0.5...1.5]) {
    x in [x[0] - x[0] * x[1], x[0] * x[1] - x[1]]
  }

  /// 20 Lotka–Volterra trajectories (V = x + y − ln x − ln y is conserved) at σ 0.01.
  static func data() throws -> TrajectorySet {
    var settings = system.referenceProtocol
    settings.trajectoryCount = 20
    settings.trainingCount = 10
    settings.noise = 0.01
    return try DatasetGenerator().generate(system, protocol: settings).trajectories
  }

  static let discovery = InvariantDiscovery(library: try! FeatureLibraryRegistry.shared.library("poly1+log"))

  /// One state of one trajectory pushed below zero makes ln x undefined there: that one
  /// point is left out (every trajectory stays), it is said, and V is found with the
  /// coefficients of the clean data's V to 10⁻³.
  @Test func aFewUndefinedStatesLeaveThosePointsOut() throws {
    let clean = try Self.data()
    var data = clean
    data.states[3 * data.pointCount * 2 + 10 * 2] = -0.01  // trajectory 3, point 10, x
    let noise = try NoiseLevel(given: 0.01)
    let result = try Self.discovery.discover(data, stateNames: ["x", "y"], noise: noise)
    let undefined = try #require(result.undefinedTerm)
    #expect(undefined.term == "ln(x)" && undefined.points == 1 && undefined.trajectories == 0)
    #expect(result.definedTrajectories == nil)
    let reference = try Self.discovery.discover(clean, stateNames: ["x", "y"], noise: noise)
    #expect(result.laws.count == 1 && reference.laws.count == 1, "\(result.invariants.formula(0))")
    let (found, expected) = (result.invariants.coefficients, reference.invariants.coefficients)
    let size = expected.map(abs).max() ?? 1
    #expect(zip(found, expected).allSatisfy { abs($0 - $1) <= 1e-3 * size }, "\(found) against \(expected)")
    let report = DiscoveryReport(result: result, system: Self.system, data: data, seconds: 0)
    #expect(report.text.contains("left out: 1 point(s) at which ln(x) is not finite"), "\(report.text)")
    #expect(report.jsonObject["undefined_points"] as? Int == 1)
    #expect(report.r2.allSatisfy { $0.values.allSatisfy(\.isFinite) })
  }

  /// A trajectory with ln x undefined at all but 2 of its points leaves whole (48 of 1000
  /// points); with one other trajectory only (48 of 100 points, more than a tenth), the
  /// data are refused, naming the term and the count.
  @Test func aTrajectoryWithFewerThanThreeDefinedPointsLeavesWhole() throws {
    var data = try Self.data()
    for i in 2..<data.pointCount { data.states[(3 * data.pointCount + i) * 2] = -0.01 }
    let noise = try NoiseLevel(given: 0.01)
    let result = try Self.discovery.discover(data, stateNames: ["x", "y"], noise: noise)
    let undefined = try #require(result.undefinedTerm)
    #expect(undefined.trajectories == 1 && undefined.points == 0)
    #expect(result.definedTrajectories == (0..<20).filter { $0 != 3 })
    #expect(result.laws.count == 1)
    #expect {
      _ = try Self.discovery.discover(data.selecting([3, 4]), stateNames: ["x", "y"], noise: noise)
    } throws: { "\($0)".contains("'ln(x)'") && "\($0)".contains("at 48 of 100 points in all") }
  }
}
