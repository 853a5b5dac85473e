import Foundation
import NoetherCore
import NoetherSystems
import SINDy
import Testing

@testable import Discovery

/// The prepared value of `system`'s data (`trajectories` of its reference protocol, noise σ)
/// on `spec`, after the point filter.
private func prepared(
  _ system: any DynamicalSystem, trajectories: Int, noise: Double, spec: String, filtered: Bool = true
) throws -> PreparedData {
  var settings = system.referenceProtocol.resized(trajectories: trajectories)
  settings.noise = noise
  let data = try DatasetGenerator().generate(system, protocol: settings)
  var value = try PreparedData(
    data.trajectories, library: try FeatureLibraryRegistry.shared.library(spec), librarySpec: spec,
    stateNames: system.stateNames, noise: data.noise)
  if filtered { PointFilter(noiseSensitivity: 1).apply(to: &value) }
  return value
}

/// A library that hides its parts' declared forms (as user code does), so that discovery
/// measures them on the data.
private struct Undeclared: FeatureLibrary {
  let inner: any FeatureLibrary
  func featureCount(dimension: Int) -> Int { inner.featureCount(dimension: dimension) }
  func featureNames(stateNames: [String]) -> [String] { inner.featureNames(stateNames: stateNames) }
  func features(_ states: StateBatch) -> [Double] { inner.features(states) }
  func featureGradients(_ states: StateBatch) -> [Double] { inner.featureGradients(states) }
  var archiveDescription: String? { nil }
}

@Suite struct PipelineStageTests {
  @Test func preparedDataScalesEachTermByItsSpreadAndLeavesConstantsOut() throws {
    let data = try prepared(SpringMass(), trajectories: 10, noise: 0, spec: "poly2", filtered: false)
    #expect(data.termNames == ["1", "q", "p", "q^2", "q p", "p^2"])
    #expect(data.constantTerms == ["1"] && data.active == [1, 2, 3, 4, 5])
    let q = (0..<data.pointCount).map { data.theta[$0 * 6 + 1] }
    let mean = q.reduce(0, +) / Double(q.count)
    let sd = (q.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(q.count)).squareRoot()
    #expect(abs(data.scales[1] - sd) <= 1e-12 * sd)
    #expect(data.sigma > 0 && data.sigma < 1e-5 && !data.isNoisy)  // the integrator's floor
  }

  @Test func preparedDataRefusesATermThatIsNotFiniteNamingIt() throws {
    #expect {
      _ = try prepared(SpringMass(), trajectories: 4, noise: 0, spec: "poly1+log", filtered: false)
    } throws: { "\($0)".contains("library term 'ln(") && "\($0)".contains("is not finite at state") }
  }

  /// The forms the built-in libraries declare are what their terms show on the data.
  @Test(arguments: ["poly3+central", "poly2+trig", "poly3+log"])
  func declaredTermFormsAgreeWithTheFormsMeasuredOnTheData(_ spec: String) throws {
    let library = try FeatureLibraryRegistry.shared.library(spec)
    var settings = Kepler().referenceProtocol.resized(trajectories: 4)
    settings.noise = 0
    let data = try DatasetGenerator().generate(Kepler(), protocol: settings).trajectories
    var values = data.states
    for k in values.indices { values[k] = abs(values[k]) + 0.5 }  // ln needs positive states
    let states = StateBatch(count: values.count / 4, dimension: 4, values: values)
    let names = library.featureNames(stateNames: Kepler().stateNames)
    let declared = TermForms(library: library, names: names, states: states)
    let measured = TermForms(library: Undeclared(inner: library), names: names, states: states)
    #expect(library.featureForms(dimension: 4) != nil)
    #expect(library.spec == spec && InvariantDiscovery(library: library).librarySpec == spec)
    #expect(declared.atMostQuadratic == measured.atMostQuadratic)
    #expect(declared.atMostCubic == measured.atMostCubic)
    #expect(Array(declared.orderingDegree.dropFirst()) == Array(measured.orderingDegree.dropFirst()))
    #expect(TermForms.degree(of: "x y^2") == 3 && TermForms.degree(of: "cos(q)") == 1)
  }

  /// Kepler at σ = 0.1: the filter leaves out points near r = 0, where σ‖∇(1/r)‖ = σ/r²
  /// exceeds 1/r's spread over all points; every point kept satisfies the bound, the
  /// scales are then the spreads over the kept points (smaller: the points near r = 0
  /// are gone), and a library of degree ≤ 2 keeps every point (its terms are exempt).
  @Test func thePointFilterLeavesOutPointsWhereTheFirstOrderModelFails() throws {
    let data = try prepared(Kepler(), trajectories: 20, noise: 0.1, spec: "poly3+central")
    let all = try prepared(Kepler(), trajectories: 20, noise: 0.1, spec: "poly3+central", filtered: false)
    let left = data.kept.filter { !$0 }.count
    #expect(left > 0 && left < data.pointCount / 2, "\(left) of \(data.pointCount)")
    let inverse = data.termNames.firstIndex(of: "1/r")!
    #expect(data.scales[inverse] < all.scales[inverse])
    for i in data.keptPoints {
      let (x, y) = (data.states[i, 0], data.states[i, 1])
      #expect(0.1 / (x * x + y * y) <= all.scales[inverse] * (1 + 1e-12))
    }
    let quadratic = try prepared(Kepler(), trajectories: 20, noise: 0.1, spec: "poly2")
    #expect(quadratic.kept.allSatisfy { $0 })
  }

  /// For a linear library the noise model is exact and simple: B = σ²(T − 1)/T Σᵢ eⱼeₖᵀ /
  /// (sⱼsₖ) over N·T points is diagonal with σ² N (T − 1) / sⱼ², dof = N(T − 1), and the
  /// threshold 1 + z√(2/dof).
  @Test func theNoiseModelOfALinearLibraryIsDiagonalWithTheCountedDof() throws {
    let data = try prepared(SpringMass(), trajectories: 10, noise: 0.05, spec: "poly1")
    let model = try NoiseModel(data, significance: 6)
    let (count, steps) = (data.trajectoryCount, try #require(data.layout.commonLength))
    #expect(model.dof == count * (steps - 1))
    #expect(abs(model.threshold - (1 + 6 * (2 / Double(model.dof)).squareRoot())) < 1e-15)
    for (k, j) in data.active.enumerated() {
      let expected = 0.05 * 0.05 * Double(count * (steps - 1)) / (data.scales[j] * data.scales[j])
      #expect(abs(model.noise[k * 2 + k] - expected) <= 1e-12 * expected)
    }
    #expect(model.noise[1] == 0 && model.noise[2] == 0)
  }

  /// The spring's exact data: one conserved direction, q² + p², below the threshold with
  /// a gap to the next noise ratio.
  @Test func theConservedSpaceOfTheSpringIsItsEnergy() throws {
    let data = try prepared(SpringMass(), trajectories: 10, noise: 0, spec: "poly2")
    let model = try NoiseModel(data, significance: 6)
    let space = try ConservedSpace(data, model: model, settings: discovery("poly2"))
    #expect(space.conservedCount == 1 && space.candidates.count == 1)
    #expect(space.spectrum[0] < model.threshold && space.spectrum[1] > 100 * model.threshold)
    let c = data.unscaled(space.candidates[0].coefficients)
    let (q2, p2) = (c[3], c[5])
    #expect(abs(q2 / p2 - 1) < 1e-6 && abs(c[1]) + abs(c[2]) + abs(c[4]) == 0, "\(c)")
  }

  @Test func echelonFormPivotsOnTheLargestEntries() {
    var rows: [[Double]] = [[2, 4, 0], [1, 1, 1]]
    let pivots = EchelonForm.reduce(&rows, tolerance: 0.05)
    #expect(pivots == [1, 2])
    #expect(rows == [[0.5, 1, 0], [0.5, 0, 1]])
    var dependent: [[Double]] = [[1, 2], [2, 4]]
    #expect(EchelonForm.reduce(&dependent, tolerance: 0.05) == [1] && dependent.count == 1)
  }

  /// G = diag(10, 0.1), B = I: only the first direction carries more signal than noise.
  @Test func theExcitedSpanKeepsOnlyDirectionsAboveTheNoise() throws {
    let out = try ExcitedSpan.directions(
      [[1, 0], [0, 1]], moments: [10, 0, 0, 0.1], noise: [1, 0, 0, 1], size: 2, threshold: 2)
    #expect(out.count == 1)
    #expect(abs(abs(out[0][0]) - 1) < 1e-12 && abs(out[0][1]) < 1e-12, "\(out)")
  }

  /// The spring at σ = 0.01: the polished energy is rounded to q² + p² exactly.
  @Test func thePolishRoundsTheSpringsEnergyToSimpleCoefficients() throws {
    let data = try prepared(SpringMass(), trajectories: 20, noise: 0.01, spec: "poly2")
    let model = try NoiseModel(data, significance: 6)
    let space = try ConservedSpace(data, model: model, settings: discovery("poly2"))
    let forms = LawPolish(significance: 6, sparsity: 0.1).polish(space.candidates, data: data, model: model)
    #expect(forms.count == 1 && forms[0].rounded)
    #expect(forms[0].coefficients[3] == forms[0].coefficients[5] && forms[0].coefficients[3] != 0)
    #expect(forms[0].lambda < model.threshold)
  }

  /// A law, its square and a multiple of it: the law is kept (lowest degree first), the
  /// multiple (its leading term first in library order) is a restatement, the square
  /// dependent (R² on the law's polynomials 1); each verdict has its figure.
  @Test func screeningGivesEachCandidateAVerdictWithItsFigure() throws {
    let data = try prepared(SpringMass(), trajectories: 10, noise: 0, spec: "poly4", filtered: false)
    let names = data.termNames
    func form(_ terms: [String: Double]) -> LawPolish.Form {
      LawPolish.Form(
        coefficients: names.map { terms[$0] ?? 0 }, rounded: true, lambda: 1)
    }
    let energy = form(["q^2": 1, "p^2": 1])
    let square = form(["q^4": 1, "q^2 p^2": 2, "p^4": 1])
    let multiple = form(["q^2": 3, "p^2": 3, "q^4": 1e-9])
    let (laws, rejected) = LawScreening(significance: 6, dependenceR2: 1 - 1e-6, heldOutSignificance: 6)
      .screen([square, energy, multiple], data: data, heldOut: HeldOutCheck(data, significance: 6))
    #expect(laws.count == 1 && laws[0].form.coefficients == energy.coefficients)
    #expect(rejected.map(\.rule) == [.restatement, .dependent], "\(rejected)")
    #expect(rejected.allSatisfy { $0.figure >= 1 - 1e-6 })
    #expect(!rejected[0].isDependent && rejected[1].isDependent)
  }

  @Test func namingTakesAKnownInvariantsNameAndScale() throws {
    let data = try prepared(SpringMass(), trajectories: 10, noise: 0, spec: "poly2", filtered: false)
    var c = [Double](repeating: 0, count: 6)
    (c[3], c[5]) = (0.5, 0.5)
    let values = DiscoveryAlgebra.values(of: c, theta: data.theta, terms: 6)
    let law = LawScreening.Law(
      form: LawPolish.Form(coefficients: c, rounded: true, lambda: 1), values: values, drift: .nan)
    let (named, laws) = LawNaming(knownInvariants: SpringMass().invariants).named([law, law], data: data)
    #expect(named.names == ["energy", "energy"] && laws[0].name == "energy")
    #expect(abs(named.coefficients[3] - 1) < 1e-9 && abs(named.coefficients[5] - 1) < 1e-9)
    let (unknown, _) = LawNaming(knownInvariants: []).named([law], data: data)
    #expect(unknown.names == ["I1"] && unknown.coefficients[3] == 1)
    // A known invariant named I1 (of other values) keeps its name to itself.
    let other = KnownInvariant(
      name: "I1", formula: "q", value: { s in (0..<s.count).map { s[$0, 0] } }, gradient: { $0 })
    let (renamed, _) = LawNaming(knownInvariants: [other]).named([law], data: data)
    #expect(renamed.names == ["I2"])
  }

  private func discovery(_ spec: String) throws -> InvariantDiscovery {
    InvariantDiscovery(library: try FeatureLibraryRegistry.shared.library(spec), librarySpec: spec)
  }
}

@Suite struct JointKnownR2Tests {
  /// E² (q⁴ + 2q²p² + p⁴) is a function of the spring's energy: jointly R² = 1, while the
  /// linear R² against E alone is below 0.99.
  @Test func aLawThatIsAFunctionOfTheKnownOnesHasJointR2One() throws {
    var settings = SpringMass().referenceProtocol.resized(trajectories: 10)
    settings.noise = 0
    let data = try DatasetGenerator().generate(SpringMass(), protocol: settings).trajectories
    let states = StateBatch(count: data.trajectoryCount * data.pointCount, dimension: 2, values: data.states)
    let library = PolynomialLibrary(degree: 4)
    let names = library.featureNames(stateNames: ["q", "p"])
    let terms: [String: Double] = ["q^4": 1, "q^2 p^2": 2, "p^4": 1]
    let square = SymbolicInvariant(
      library: library, librarySpec: "poly4", stateNames: ["q", "p"], names: ["E2"],
      coefficients: names.map { terms[$0] ?? 0 })
    let joint = DiscoveryReport.jointKnownR2(of: square, against: SpringMass().invariants, at: states)
    let linear = DiscoveryReport.knownR2(of: square, against: SpringMass().invariants, at: states)
    #expect(joint[0] > 1 - 1e-9, "\(joint)")
    #expect(linear[0]["energy"]! < 0.99, "\(linear)")
  }
}

@Suite struct ExactDataNoiseModelTests {
  /// Exact SIR data all have S + I + R = 1, where N² − 2N has no gradient at all: the
  /// noise model's B was singular and discovery failed ("dsygv info 18"); with the
  /// error-floor ridge it finds S + I + R.
  @Test func exactDataOnOneLevelSetStillGiveTheirLaw() throws {
    let (result, _) = try discover(Epidemic(), trajectories: 50, noise: 0)
    #expect(result.invariants.invariantCount == 1)
    for term in ["S", "I", "R"] { #expect(abs(coefficient(result.invariants, 0, term) - 1) < 1e-9) }
    let b = [1.0, 1, 1, 1]  // [[1, 1], [1, 1]]: singular
    let ridged = NoiseModel.positiveDefinite(b, size: 2)
    #expect(ridged != b && SymmetricEigen.isPositiveDefinite(ridged, size: 2))
    #expect(NoiseModel.positiveDefinite([2.0, 1, 1, 2], size: 2) == [2.0, 1, 1, 2])
  }
}
