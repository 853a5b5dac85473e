import NoetherCore
import NoetherSystems
import SINDy
import Testing

/// The Lorenz system, a user-defined system with no known invariants.
struct Lorenz: DynamicalSystem {
  var name: String { "lorenz" }
  var dimension: Int { 3 }
  var stateNames: [String] { ["x", "y", "z"] }
  var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      trajectoryCount: 4, trainingCount: 4, pointCount: 2001, duration: 4, evaluationHorizon: 1)
  }
  func derivatives(at s: StateBatch) -> StateBatch {
    var f = s
    for i in 0..<s.count {
      let (x, y, z) = (s[i, 0], s[i, 1], s[i, 2])
      f[i, 0] = 10 * (y - x)
      f[i, 1] = x * (28 - z) - y
      f[i, 2] = x * y - 8.0 / 3 * z
    }
    return f
  }
  func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    StateBatch(
      count: count, dimension: 3,
      values: (0..<(3 * count)).map { k in g.uniform(-8, 8) + (k % 3 == 2 ? 27 : 0) })
  }
}

@Suite struct SINDyTests {
  @Test(arguments: [true, false]) func recoversTheSpringMassCoefficients(_ given: Bool) throws {
    let data = try smallData(SpringMass(), trajectories: 10, points: 300)
    let model = try SINDyLearner(usesGivenDerivatives: given, stateNames: ["q", "p"]).fit(data)
    #expect(abs(model.coefficient(of: "p", inEquation: 0)! - 2) < 0.02)
    #expect(abs(model.coefficient(of: "q", inEquation: 1)! + 2) < 0.02)
    // Everything else is thresholded away.
    #expect(model.coefficients.filter { $0 != 0 }.count == 2)
    #expect(model.equations() == ["q' = 2.000 p", "p' = -2.000 q"])
  }

  @Test(arguments: [true, false]) func recoversTheLorenzParameters(_ given: Bool) throws {
    let data = try smallData(Lorenz(), trajectories: 4)
    let model = try SINDyLearner(usesGivenDerivatives: given, stateNames: ["x", "y", "z"]).fit(data)
    func c(_ name: String, _ j: Int) -> Double { model.coefficient(of: name, inEquation: j)! }
    let expected: [(String, Int, Double)] = [
      ("x", 0, -10), ("y", 0, 10), ("x", 1, 28), ("y", 1, -1), ("x z", 1, -1), ("x y", 2, 1),
      ("z", 2, -8.0 / 3),
    ]
    for (name, j, value) in expected {
      #expect(
        abs(c(name, j) - value) < 0.01 * abs(value), "\(name) in equation \(j): \(c(name, j)) vs \(value)")
    }
    #expect(model.coefficients.filter { $0 != 0 }.count == 7)
  }

  @Test func librariesCombineAndNameTheirTerms() {
    let library =
      PolynomialLibrary(degree: 2)
      + CustomLibrary([.init(name: { "sin(\($0[0]))" }, value: { Glibc.sin($0[0]) })])
    #expect(library.featureNames(stateNames: ["q", "p"]) == ["1", "q", "p", "q^2", "q p", "p^2", "sin(q)"])
    let features = library.features(StateBatch(rows: [[2, 3]]))
    #expect(features == [1, 2, 3, 4, 6, 9, Glibc.sin(2)])
    #expect(library.archiveDescription == nil)
    #expect(PolynomialLibrary(degree: 3).featureCount(dimension: 3) == 20)
  }

  @Test func finiteDifferencesAreSecondOrder() {
    let d = FiniteDifference()
    func maxError(_ count: Int) -> Double {
      let t = evenGrid(from: 0, to: 1, count: count)
      let dx = d.derivatives(of: t.map { Glibc.sin(3 * $0) }, dimension: 1, times: t)
      return zip(dx, t).map { abs($0 - 3 * Glibc.cos(3 * $1)) }.max()!
    }
    let ratio = maxError(101) / maxError(201)
    #expect(ratio > 3.5 && ratio < 4.5, "error ratio \(ratio) for halved steps")
  }
}

#if canImport(Glibc)
  import Glibc
#endif
