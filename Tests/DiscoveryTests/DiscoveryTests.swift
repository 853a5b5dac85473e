import Discovery
import DiscoveryStore
import Foundation
import NoetherCore
import NoetherLearning
import NoetherSystems
import SINDy
import Testing

/// A user's system, defined here: an anisotropic oscillator ẋ = y, ẏ = −k x with the
/// invariant k x² + y² (k = 4 unless given).
struct AnisotropicOscillator: DynamicalSystem {
  var stiffness = 4.0
  var name: String { "anisotropic-oscillator" }
  var dimension: Int { 2 }
  var stateNames: [String] { ["x", "y"] }
  var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      trajectoryCount: 20, trainingCount: 10, pointCount: 30, duration: 3, evaluationHorizon: 3)
  }
  func derivatives(at s: StateBatch) -> StateBatch {
    var f = s
    for i in 0..<s.count {
      f[i, 0] = s[i, 1]
      f[i, 1] = -stiffness * s[i, 0]
    }
    return f
  }
  func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    StateBatch(count: count, dimension: 2, values: (0..<(2 * count)).map { _ in g.uniform(-1, 1) })
  }
}

/// Discovery on `system`'s data of `trajectories` × `points` at noise σ (the protocol's
/// seed unless given).
func discover(
  _ system: any DynamicalSystem, trajectories: Int, points: Int? = nil, noise: Double = 0.01,
  library: String? = nil, seed: UInt64? = nil
) throws -> (DiscoveryResult, TrajectorySet) {
  var p = system.referenceProtocol.resized(trajectories: trajectories)
  if let points { p.pointCount = points }
  if let seed { p.seed = seed }
  p.noise = noise
  let data = try DatasetGenerator().generate(system, protocol: p).trajectories
  let spec = library ?? system.defaultDiscoveryLibrary
  let result = try InvariantDiscovery(
    library: try FeatureLibraryRegistry.shared.library(spec), librarySpec: spec
  )
  .discover(
    data, stateNames: system.stateNames, noise: try NoiseLevel(given: noise),
    knownInvariants: system.invariants)
  return (result, data)
}

/// The coefficient of `term` in invariant k.
func coefficient(_ invariants: SymbolicInvariant, _ k: Int, _ term: String) -> Double {
  invariants.coefficients[k * invariants.termCount + invariants.termNames.firstIndex(of: term)!]
}

@Suite struct DiscoveryTests {
  @Test func springMassGivesItsEnergyAndNothingElse() throws {
    let (result, _) = try discover(SpringMass(), trajectories: 20)
    let found = result.invariants
    #expect(found.names == ["energy"], "\(found.names)")
    #expect(abs(coefficient(found, 0, "q^2") - 1) < 0.02 && abs(coefficient(found, 0, "p^2") - 1) < 0.02)
    let others = found.termNames.filter { $0 != "q^2" && $0 != "p^2" }
    #expect(others.allSatisfy { abs(coefficient(found, 0, $0)) == 0 }, "\(found.formula(0))")
    #expect(result.laws[0].noiseRatio < result.threshold && result.spectrum[1] > 10)
  }

  @Test func keplerGivesEnergyAngularMomentumAndTheRungeLenzVector() throws {
    let (result, data) = try discover(Kepler(), trajectories: 100)  // the reference data's size
    let found = result.invariants
    #expect(found.invariantCount == 4, "\(found.names)")
    #expect(result.independentCount == 3)
    #expect(Set(found.names).isSuperset(of: ["energy", "angular-momentum"]))
    let states = StateBatch(count: data.trajectoryCount * data.pointCount, dimension: 4, values: data.states)
    for known in Kepler().invariants {
      let k = found.names.firstIndex(of: known.name)!
      let values = found.selecting([k]).values(at: states)
      let r2 = try coefficientOfDetermination(
        target: known.values(at: states), features: values, featureCount: 1)
      #expect(r2 > 0.9999, "\(known.name): R² \(r2)")
    }
    // Fitted (each point weighed by its own noise): 0.499 vx² + 0.498 vy² − 0.999/r;
    // the data accept the rounded 0.5 vx² + 0.5 vy² − 1/r, and L = x vy − y vx.
    let energy = found.names.firstIndex(of: "energy")!
    #expect(abs(coefficient(found, energy, "1/r") + 1) < 1e-9, "\(found.formula(energy))")
    #expect(abs(coefficient(found, energy, "vx^2") - 0.5) < 1e-9, "\(found.formula(energy))")
    #expect(abs(coefficient(found, energy, "vy^2") - 0.5) < 1e-9, "\(found.formula(energy))")
    #expect(
      found.coefficients[(energy * found.termCount)..<((energy + 1) * found.termCount)].filter { $0 != 0 }
        .count == 3)
    let l = found.names.firstIndex(of: "angular-momentum")!
    #expect(abs(coefficient(found, l, "x vy") - 1) < 1e-9 && abs(coefficient(found, l, "y vx") + 1) < 1e-9)
    #expect(result.laws[energy].rounded && result.laws[l].rounded)
  }

  /// The training half of Kepler's seed 2034 (50 × 100): the unweighted test puts the
  /// refined energy 0.5 vx² + 0.5 vy² − 1.002/r at λ = 1.137, above its threshold 1.121,
  /// while the unrefined 0.5 vx² + 0.49 vy² − 0.93/r passes (1.112) and drifts (z = 14);
  /// the weighted test the refinement fits in (λ_w = 0.993) keeps the refined one, which
  /// rounds to the energy.
  @Test func theWeightedTestKeepsARefinedEnergyTheUnweightedOneRefuses() throws {
    var settings = Kepler().referenceProtocol
    settings.seed = 2034
    let data = try DatasetGenerator().generate(Kepler(), protocol: settings).trajectories
    let training = data.selecting(data.split.indices.filter { data.split[$0] == .train })
    let spec = Kepler().defaultDiscoveryLibrary
    let result = try InvariantDiscovery(
      library: try FeatureLibraryRegistry.shared.library(spec), librarySpec: spec
    )
    .discover(
      training, stateNames: Kepler().stateNames, noise: try NoiseLevel(given: 0.01),
      knownInvariants: Kepler().invariants)
    let found = result.invariants
    let energy = try #require(found.names.firstIndex(of: "energy"), "\(found.names)")
    #expect(abs(coefficient(found, energy, "1/r") + 1) < 1e-9, "\(found.formula(energy))")
    #expect(found.invariantCount == 4 && result.drifting == 0)
  }

  @Test func theHeatEquationGivesTotalHeatAndLeavesItsUnexcitedModesOut() throws {
    // 101 nodes; the fast modes decay before the first sample, so most directions of the
    // linear library change by less than the noise: only Σ U is excited and conserved.
    let (result, _) = try discover(HeatEquation(), trajectories: 60)
    let found = result.invariants
    #expect(found.invariantCount == 1 && found.names == ["total-heat"], "\(found.names)")
    #expect(result.vanishing > 30)
    let p = found.termCount
    let coefficients = (0..<p).map { found.coefficients[$0] }.filter { $0 != 0 }
    #expect(coefficients.count == 101)
    // Fitted, a ±2 % ripple across the nodes from weakly excited modes; the data accept Σ U.
    #expect(coefficients.allSatisfy { abs($0 - 1) < 1e-9 }, "\(coefficients.map { $0 })")
    #expect(result.laws.map(\.rounded) == [true])
  }

  @Test func aUserSystemsInvariantIsRecovered() throws {
    let (result, _) = try discover(AnisotropicOscillator(), trajectories: 20)
    let found = result.invariants
    #expect(found.invariantCount == 1)
    let ratio = coefficient(found, 0, "x^2") / coefficient(found, 0, "y^2")
    #expect(abs(ratio - 4) < 1e-9, "\(found.formula(0))")
  }

  /// k = π/2: the fit (1.577 on this data) lies within the test's reach of 19/12 = 1.5833,
  /// but the data do not resolve fractions of denominator 12 (±1/288 is accepted too):
  /// the fitted coefficients stay, within 1 %.
  @Test func aLawWithoutSimpleCoefficientsKeepsItsFit() throws {
    let (result, _) = try discover(AnisotropicOscillator(stiffness: Double.pi / 2), trajectories: 40)
    let found = result.invariants
    #expect(found.invariantCount == 1 && result.laws.map(\.rounded) == [false])
    let ratio = coefficient(found, 0, "x^2") / coefficient(found, 0, "y^2")
    #expect(abs(ratio / (Double.pi / 2) - 1) < 0.01, "\(found.formula(0))")
  }

  @Test func aDampedOscillatorHasNone() throws {
    let (result, _) = try discover(DampedOscillator(), trajectories: 30)
    #expect(result.invariants.invariantCount == 0)
    #expect(result.spectrum[0] > result.threshold)
  }

  @Test func gradientsMatchCentralDifferences() throws {
    let library = try FeatureLibraryRegistry.shared.library("poly3+central+trig")
    let names = ["x", "y", "vx", "vy"]
    let p = library.featureCount(dimension: 4)
    var generator = SeededGenerator(seed: 3)
    let coefficients = (0..<(2 * p)).map { _ in generator.uniform(-1, 1) }
    let invariant = SymbolicInvariant(
      library: library, librarySpec: "poly3+central+trig", stateNames: names, names: ["a", "b"],
      coefficients: coefficients)
    let states = StateBatch(count: 5, dimension: 4, values: (0..<20).map { _ in generator.uniform(0.3, 1.2) })
    let exact = invariant.gradients(at: states)
    for i in 0..<5 {
      for d in 0..<4 {
        var plus = states
        var minus = states
        let h = 1e-6
        plus[i, d] += h
        minus[i, d] -= h
        let (up, down) = (invariant.values(at: plus), invariant.values(at: minus))
        for k in 0..<2 {
          let numeric = (up[i * 2 + k] - down[i * 2 + k]) / (2 * h)
          let analytic = exact[(i * 2 + k) * 4 + d]
          #expect(
            abs(numeric - analytic) <= 1e-6 * max(1, abs(analytic)), "state \(i), x\(d), invariant \(k)")
        }
      }
    }
  }

  @Test func invariantsRoundTripThroughHDF5() throws {
    let (result, data) = try discover(Kepler(), trajectories: 20, points: 40)
    let path = NSTemporaryDirectory() + "noether-invariants-\(UUID().uuidString).h5"
    try InvariantFile.write(result, system: "kepler", to: path)
    let back = try InvariantFile.read(from: path)
    #expect(back.names == result.invariants.names && back.coefficients == result.invariants.coefficients)
    let states = StateBatch(count: 10, dimension: 4, values: Array(data.states.prefix(40)))
    #expect(back.values(at: states) == result.invariants.values(at: states))
    #expect(back.gradients(at: states) == result.invariants.gradients(at: states))
    #expect(throws: (any Error).self) { try InvariantFile.read(from: path + ".missing") }
  }

  @Test func formulasReadAsPeopleWriteThem() {
    #expect(
      FormulaText.sum([0.5, 0.5, -1], terms: ["vx^2", "vy^2", "1/r"], digits: 3) == "0.5 vx² + 0.5 vy² − 1/r")
    #expect(FormulaText.sum([1, 0, -1], terms: ["x vy", "x", "y vx"], digits: 3) == "x vy − y vx")
    #expect(FormulaText.sum([-2.5, 3], terms: ["1", "q^12"], digits: 2) == "−2.5 + 3 q¹²")
    #expect(FormulaText.sum([0, 0], terms: ["a", "b"], digits: 3) == "0")
  }

  @Test func distillationReadsAnInvariantBackAsItsFormula() throws {
    // 1 + 3(q² + p²), given as an invariant function, comes back as that formula.
    let shifted = KnownInvariantSet(
      [
        KnownInvariant(
          name: "h", formula: "1 + 3q² + 3p²",
          value: { x in (0..<x.count).map { 1 + 3 * (x[$0, 0] * x[$0, 0] + x[$0, 1] * x[$0, 1]) } },
          gradient: { x in StateBatch(count: x.count, dimension: 2, values: x.values.map { 6 * $0 }) })
      ], dimension: 2)
    var generator = SeededGenerator(seed: 1)
    let states = StateBatch(count: 200, dimension: 2, values: (0..<400).map { _ in generator.uniform(-1, 1) })
    let distilled = try InvariantDistillation(
      library: PolynomialLibrary(degree: 3, includesConstant: false), librarySpec: "poly3"
    )
    .distill(shifted, at: states, stateNames: ["q", "p"])
    #expect(distilled.count == 1)
    #expect(distilled[0].text == "1 + 3 q² + 3 p²", "\(distilled[0].text)")
    #expect(distilled[0].r2 > 1 - 1e-12)
  }
}
