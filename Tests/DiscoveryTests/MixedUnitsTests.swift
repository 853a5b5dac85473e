import Foundation
import NoetherCore
import SINDy
import Testing

@testable import Discovery

/// A record that mixes units: one σ cannot serve both components, the per-component
/// noise (`NoiseLevel.estimated(from:)`, `WhitenedCoordinates`) can.
@Suite struct MixedUnitsTests {
  /// A spring in (q, P) with P = 100 p: q̇ = P/100, Ṗ = −100 q, conserving q² + P²/10⁴;
  /// noise 1 % of each component's size (σ_q = 0.01, σ_P = 1).
  @Test func perComponentNoiseFindsTheLawOneSigmaMisjudges() throws {
    let spring = PointwiseSystem("spring-mixed-units", states: ["q", "P"], box: [-1...1, -100...100]) { x in
      [x[1] / 100, -100 * x[0]]
    }
    var settings = spring.referenceProtocol
    settings.noise = 0
    var data = try DatasetGenerator().generate(spring, protocol: settings).trajectories
    var generator = SeededGenerator(seed: 5)
    for k in data.states.indices { data.states[k] += (k % 2 == 0 ? 0.01 : 1) * generator.nextNormal() }
    let estimated = NoiseLevel.estimated(from: data)
    let components = try #require(estimated.components)
    #expect(abs(components[0] / 0.01 - 1) < 0.2 && abs(components[1] - 1) < 0.2, "\(components)")
    let discovery = InvariantDiscovery(library: try FeatureLibraryRegistry.shared.library("poly2"))
    let result = try discovery.discover(data, stateNames: ["q", "P"], noise: estimated)
    #expect(
      result.laws.count == 1,
      "\((0..<result.invariants.invariantCount).map { result.invariants.formula($0) })")
    let terms = PolynomialLibrary(degree: 2).featureNames(stateNames: ["q", "P"])
    let c = result.invariants.coefficients
    if result.laws.count == 1 {
      let ratio = c[terms.firstIndex(of: "P^2")!] / c[terms.firstIndex(of: "q^2")!]
      #expect(abs(ratio / 1e-4 - 1) < 0.05, "\(result.invariants.formula(0))")
    }
    // One σ for both (the estimate's overall level, about σ_P) misses the law.
    let single = try discovery.discover(
      data, stateNames: ["q", "P"], noise: try NoiseLevel(given: estimated.sigma))
    #expect(single.laws.isEmpty)
  }
}
