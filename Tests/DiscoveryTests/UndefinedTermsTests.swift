import Foundation
import NoetherCore
import SINDy
import Testing

@testable import Discovery

/// A library term undefined at a few noisy states leaves those trajectories out, said,
/// instead of refusing the data.
@Suite struct UndefinedTermsTests {
  /// Lotka–Volterra with V = x + y − ln x − ln y: one state of one trajectory pushed below
  /// zero makes ln x undefined there; discovery leaves that trajectory out, says so, and
  /// still finds V. With only one trajectory left it refuses, naming the term.
  @Test func aFewUndefinedStatesLeaveTheirTrajectoriesOut() throws {
    let system = PointwiseSystem("lotka-volterra", states: ["x", "y"], box: [0.5...1.5, 0.5...1.5]) { x in
      [x[0] - x[0] * x[1], x[0] * x[1] - x[1]]
    }
    var settings = system.referenceProtocol
    settings.trajectoryCount = 20
    settings.trainingCount = 10
    var data = try DatasetGenerator().generate(system, protocol: settings).trajectories
    data.states[3 * data.pointCount * 2 + 10 * 2] = -0.01  // trajectory 3, point 10, x
    let discovery = InvariantDiscovery(library: try FeatureLibraryRegistry.shared.library("poly1+log"))
    let result = try discovery.discover(data, stateNames: ["x", "y"], noise: try NoiseLevel(given: 0.01))
    #expect(result.undefinedTerm?.term == "ln(x)" && result.undefinedTerm?.trajectories == 1)
    #expect(result.definedTrajectories == (0..<20).filter { $0 != 3 })
    #expect(result.laws.count == 1, "\(result.invariants.formula(0))")
    let few = data.selecting([3, 4])
    #expect(throws: NoetherError.self) {
      _ = try discovery.discover(few, stateNames: ["x", "y"], noise: try NoiseLevel(given: 0.01))
    }
  }
}
