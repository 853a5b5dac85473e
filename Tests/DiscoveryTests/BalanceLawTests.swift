import Foundation
import NoetherCore
import NoetherSystems
import SINDy
import Testing

@testable import Discovery

/// A user's source library, defined here: the single term |p|³ (quadratic drag's power
/// loss), for a law no polynomial source holds.
struct CubedSpeedLibrary: FeatureLibrary {
  func featureCount(dimension: Int) -> Int { 1 }
  func featureNames(stateNames: [String]) -> [String] { ["|\(stateNames[1])|^3"] }
  func features(_ states: StateBatch) -> [Double] {
    (0..<states.count).map { pow(abs(states[$0, 1]), 3) }
  }
  var archiveDescription: String? { nil }
}

/// A user's system, defined here: an oscillator with quadratic drag, q̇ = p,
/// ṗ = −q − 0.3|p|p, whose energy balances −0.3|p|³.
struct DraggedOscillator: DynamicalSystem {
  var name: String { "dragged-oscillator" }
  var dimension: Int { 2 }
  var stateNames: [String] { ["q", "p"] }
  var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      trajectoryCount: 40, trainingCount: 20, pointCount: 50, duration: 5, evaluationHorizon: 5)
  }
  func derivatives(at x: StateBatch) -> StateBatch {
    x.mapped { [$0[1], -$0[0] - 0.3 * abs($0[1]) * $0[1]] }
  }
  func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    .drawn(count, dimension: 2) { [g.uniform(-1.5, 1.5), g.uniform(-1.5, 1.5)] }
  }
}

/// Discovery with sources on `system`'s reference data at noise σ.
func discoverBalance(
  _ system: any DynamicalSystem, noise: Double, sources: any FeatureLibrary = PolynomialLibrary(degree: 2),
  library: String? = nil, seed: UInt64? = nil
) throws -> (DiscoveryResult, TrajectorySet) {
  var settings = system.referenceProtocol
  settings.noise = noise
  if let seed { settings.seed = seed }
  let data = try DatasetGenerator().generate(system, protocol: settings).trajectories
  let spec = library ?? system.defaultDiscoveryLibrary
  var discovery = InvariantDiscovery(library: try FeatureLibraryRegistry.shared.library(spec))
  discovery.sources = (sources, "test")
  let result = try discovery.discover(
    data, stateNames: system.stateNames, noise: noise == 0 ? .exact : try NoiseLevel(given: noise),
    knownInvariants: system.invariants, knownBalanceLaws: system.balanceLaws)
  return (result, data)
}

@Suite struct BalanceLawTests {
  /// ∫ sin over uneven steps: order 6 leaves 10⁻⁹; halving the steps divides the error by
  /// about 2⁶ (the observed order is 6 ± 1).
  @Test func cumulativeQuadratureHasItsOrder() {
    func error(_ count: Int) -> Double {
      let times = (0..<count).map { k -> Double in
        let u = Double(k) / Double(count - 1)
        return 3 * u + 0.05 * sin(7 * u)  // uneven, increasing
      }
      let quadrature = CumulativeQuadrature(times: times)
      let integral = quadrature.integrate(times.map(sin), columns: 1)
      return zip(times, integral).map { abs((1 - cos($0)) - $1) }.max()!
    }
    let (coarse, fine) = (error(31), error(61))
    #expect(coarse < 1e-8, "\(coarse)")
    let order = log2(coarse / fine)
    #expect(order > 5 && order < 7.5, "observed order \(order)")
  }

  /// The damped oscillator's energy and friction: exact to 10⁻⁶ on exact data, within
  /// 1 % at σ = 0.01 and 5 % at σ = 0.1 (the targets), kind `dissipated`.
  @Test(arguments: [(0.0, 1e-6), (0.01, 0.01), (0.1, 0.05)])
  func dampedOscillatorGivesItsEnergyAndFriction(noise: Double, tolerance: Double) throws {
    let (result, _) = try discoverBalance(DampedOscillator(), noise: noise)
    #expect(result.invariants.invariantCount == 0)
    let energy = try #require(result.balanceLaws.first)
    #expect(result.balanceLaws.count == 1, "\(result.balanceLaws.map(\.formula))")
    #expect(energy.name == "energy" && energy.kind == .dissipated)
    let terms = result.invariants.termNames
    let sources = result.sourceTermNames
    for (j, name) in terms.enumerated() {
      let expected = name == "q^2" || name == "p^2" ? 0.5 : 0
      #expect(abs(energy.coefficients[j] - expected) <= tolerance * 0.5, "\(name) \(energy.coefficients[j])")
    }
    for (l, name) in sources.enumerated() {
      let expected = name == "p^2" ? -0.2 : 0
      #expect(
        abs(energy.sourceCoefficients[l] - expected) <= tolerance * 0.2,
        "\(name) \(energy.sourceCoefficients[l])")
    }
    #expect(energy.noiseRatio < result.balanceThreshold)
  }

  /// A user's system and a user's source library plug in: the energy of an oscillator
  /// with quadratic drag balances −0.3|p|³.
  @Test func aUsersSourceLibraryGivesQuadraticDrag() throws {
    let (result, _) = try discoverBalance(
      DraggedOscillator(), noise: 0.01, sources: CubedSpeedLibrary(), library: "poly2")
    let law = try #require(result.balanceLaws.first)
    let q2 = law.coefficients[result.invariants.termNames.firstIndex(of: "q^2")!]
    let p2 = law.coefficients[result.invariants.termNames.firstIndex(of: "p^2")!]
    #expect(abs(p2 / q2 - 1) < 0.01, "\(law.formula)")
    #expect(abs(law.sourceCoefficients[0] / q2 + 0.6) < 0.006, "\(law.sourceFormula)")
    #expect(law.kind == .dissipated && law.sourceFormula.contains("|p|³"))
  }

  /// A search too large to hold is refused before it starts, naming the option: the heat
  /// equation's reference data with poly1 sources would need 2·10¹⁰ numbers.
  @Test func aTooLargeSearchIsRefused() throws {
    #expect {
      try BalanceLawSearch.checkSize(
        points: 20_000, dimension: 101, termCount: 101, sourceCount: 102, spec: "poly1")
    } throws: { "\($0)".contains("sources") && "\($0)".contains("poly1") && "\($0)".contains("fewer points") }
    try BalanceLawSearch.checkSize(points: 2_500, dimension: 2, termCount: 10, sourceCount: 6, spec: "poly2")
  }

  /// Conservative systems keep their laws and gain no balance law.
  @Test(arguments: [0.01, 0.1])
  func conservativeSystemsGainNoBalanceLaw(noise: Double) throws {
    for system in [SpringMass(), ChemicalKinetics()] as [any DynamicalSystem] {
      let (result, _) = try discoverBalance(system, noise: noise)
      #expect(result.invariants.invariantCount == 1, "\(system.name)")
      #expect(result.balanceLaws.isEmpty, "\(system.name): \(result.balanceLaws.map(\.formula))")
    }
  }

  /// Lorenz and Van der Pol: no conservation law, and every balance law reported holds
  /// for the true field (R² of s against ∇C·f at the data's states ≥ 0.9999).
  @Test(arguments: [0.0, 0.01, 0.1])
  func lorenzAndVanDerPolGiveOnlyGenuinePairs(noise: Double) throws {
    for system in [Lorenz(), VanDerPol()] as [any DynamicalSystem] {
      let (result, data) = try discoverBalance(system, noise: noise)
      #expect(result.invariants.invariantCount == 0, "\(system.name)")
      let states = StateBatch(
        count: data.trajectoryCount * data.pointCount, dimension: data.dimension, values: data.states)
      for law in result.balanceLaws {
        #expect(
          genuineR2(law, result, system: system, at: states) >= 0.9999, "\(system.name): \(law.formula)")
      }
    }
  }

  /// R² of the law's source against ∇C·f of the true field.
  func genuineR2(
    _ law: BalanceLaw, _ result: DiscoveryResult, system: any DynamicalSystem, at states: StateBatch
  )
    -> Double
  {
    let library = result.invariants.library
    let (p, n) = (result.invariants.termCount, states.dimension)
    let jacobian = library.featureGradients(states)
    let field = system.derivatives(at: states)
    let sourceLibrary = PolynomialLibrary(degree: 2)
    let phi = sourceLibrary.features(states)
    let q = sourceLibrary.featureCount(dimension: n)
    var residual = 0.0
    var total = 0.0
    var rates = [Double]()
    for i in 0..<states.count {
      var rate = 0.0
      for j in 0..<p where law.coefficients[j] != 0 {
        for d in 0..<n { rate += law.coefficients[j] * jacobian[(i * p + j) * n + d] * field[i, d] }
      }
      rates.append(rate)
      let s = (0..<q).reduce(0.0) { $0 + law.sourceCoefficients[$1] * phi[i * q + $1] }
      residual += (rate - s) * (rate - s)
    }
    let mean = rates.reduce(0, +) / Double(rates.count)
    for r in rates { total += (r - mean) * (r - mean) }
    return 1 - residual / total
  }
}
