import Foundation
import NoetherCore
import NoetherSystems
import SINDy
import Testing

@testable import Discovery

/// Approximately conserved combinations (`ApproximateLawSearch`), tried on systems the
/// rule was not designed on (it was set on the real pendulum record): two weakly damped
/// oscillators where an energy decays slowly, and two systems where nothing is kept.
@Suite struct ApproximateLawTests {
  /// 30 trajectories (24 to train) of 50 points over 10 time units at σ = 0.01.
  static let settings = ReferenceProtocol(
    name: "approximate", trajectoryCount: 30, trainingCount: 24, pointCount: 50, duration: 10,
    evaluationHorizon: 10, noise: 0.01)

  func discover(_ system: any DynamicalSystem, library spec: String) throws -> DiscoveryResult {
    let data = try DatasetGenerator().generate(system, protocol: Self.settings)
    return try InvariantDiscovery(library: try FeatureLibraryRegistry.shared.library(spec)).discover(
      data.trajectories, stateNames: system.stateNames, noise: data.noise)
  }

  /// θ̈ = −sin θ − 0.01 ω: no law, and ω² − 2 cos θ (twice the energy) kept approximately,
  /// decreasing on nearly every trajectory (a decay of about 10 % over a trajectory).
  @Test func aWeaklyDampedPendulumKeepsItsEnergyApproximately() throws {
    let pendulum = PointwiseSystem("damped-pendulum", states: ["q", "w"], box: [-1.5...1.5, -1...1]) { x in
      [x[1], -sin(x[0]) - 0.01 * x[1]]
    }
    let result = try discover(pendulum, library: "poly2+trig")
    #expect(result.laws.isEmpty)
    let law = try #require(result.approximate)
    let terms = try FeatureLibraryRegistry.shared.library("poly2+trig").featureNames(stateNames: ["q", "w"])
    let nonzero = terms.indices.filter { law.coefficients[$0] != 0 }
    #expect(nonzero.map { terms[$0] } == ["w^2", "cos(q)"], "\(law.formula)")
    let k = -law.coefficients[terms.firstIndex(of: "cos(q)")!] / 2
    #expect(abs(k - 1) < 0.05, "\(law.formula)")
    #expect(law.decreasing >= law.trajectories * 9 / 10, "\(law.decreasing) of \(law.trajectories)")
    #expect(law.cancellation < 0.1 && (law.heldOutCancellation ?? 1) < 0.1)
  }

  /// A weakly damped Duffing oscillator ẍ = −x − x³ − 0.01 ẋ: its energy v²/2 + x²/2 + x⁴/4
  /// needs three terms, v² + x² + x⁴/2 in the found normalisation.
  @Test func aWeaklyDampedDuffingOscillatorKeepsThreeTerms() throws {
    let duffing = PointwiseSystem("damped-duffing", states: ["x", "v"], box: [-1...1, -1...1]) { x in
      [x[1], -x[0] - x[0] * x[0] * x[0] - 0.01 * x[1]]
    }
    let result = try discover(duffing, library: "poly4")
    let law = try #require(result.approximate, "laws \(result.laws.count)")
    let terms = PolynomialLibrary(degree: 4).featureNames(stateNames: ["x", "v"])
    let c = { (name: String) in law.coefficients[terms.firstIndex(of: name)!] }
    #expect(terms.indices.filter { law.coefficients[$0] != 0 }.count == 3, "\(law.formula)")
    #expect(abs(c("v^2") / c("x^2") - 1) < 0.05 && abs(c("x^4") / c("x^2") - 0.5) < 0.05, "\(law.formula)")
  }

  /// Van der Pol's limit cycle and Lorenz's attractor keep nothing: no law, nothing approximate.
  @Test func attractorsKeepNothing() throws {
    for system in [VanDerPol(), Lorenz()] as [any DynamicalSystem] {
      let result = try discover(system, library: "poly2")
      #expect(
        result.laws.isEmpty && result.approximate == nil,
        "\(system.name): \(result.approximate?.formula ?? "")")
    }
  }
}
