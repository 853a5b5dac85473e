import Foundation
import NoetherCore
import NoetherSystems
import SINDy
import Testing

@testable import Discovery

/// Discovery at σ = 0.1: the second-order noise model, the support search, the serial
/// and trajectory-mean tests, and what they find on Kepler and the SIR model.
@Suite struct HighNoiseDiscoveryTests {
  /// x² + y² at the origin: its gradient vanishes there, so its noise is all second order,
  /// Var(σ²(ε₁² + ε₂²)) = 4σ⁴. The first-order model with gradients taken at the noisy
  /// states gives twice that (σ² E|2x̃|² = 8σ⁴); less ½σ⁴‖H‖² = 4σ⁴ it is right.
  @Test func theSecondOrderModelGivesTheNoiseOfACombinationWhoseGradientCancels() throws {
    let sigma = 0.1
    var generator = SeededGenerator(seed: 11)
    let count = 40_000
    let states = StateBatch(
      count: count, dimension: 2, values: (0..<(2 * count)).map { _ in sigma * generator.nextNormal() })
    let library = PolynomialLibrary(degree: 2, includesConstant: false)  // x, y, x², x y, y²
    let p = library.featureCount(dimension: 2)
    var c = [Double](repeating: 0, count: p)
    c[2] = 1
    c[4] = 1
    let theta = library.features(states)
    let values = (0..<count).map { i in (0..<p).reduce(0.0) { $0 + c[$1] * theta[i * p + $1] } }
    let mean = values.reduce(0, +) / Double(count)
    let observed = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)
    let jacobian = library.featureGradients(states)
    var firstOrder = 0.0
    for i in 0..<count {
      for d in 0..<2 {
        let g = (0..<p).reduce(0.0) { $0 + c[$1] * jacobian[(i * p + $1) * 2 + d] }
        firstOrder += sigma * sigma * g * g
      }
    }
    firstOrder /= Double(count)
    let gram = try #require(
      NoiseCurvature.gram(
        library: library, states: states, weights: [Double](repeating: 1, count: count), active: Array(0..<p),
        scales: [Double](repeating: 1, count: p)))
    var curvature = 0.0
    for a in 0..<p { for b in 0..<p { curvature += c[a] * gram[a * p + b] * c[b] } }
    // A quadratic library's Hessians are the same everywhere: one point's, times Σ wᵢ².
    let once = try #require(
      NoiseCurvature.gram(
        library: library, states: states, weights: [Double](repeating: 1, count: count), active: Array(0..<p),
        scales: [Double](repeating: 1, count: p), uniform: true))
    #expect(zip(gram, once).allSatisfy { abs($0 - $1) <= 1e-6 * max(abs($0), 1) })
    let secondOrder = firstOrder - 0.5 * pow(sigma, 4) * curvature / Double(count)
    #expect(abs(observed / (4 * pow(sigma, 4)) - 1) < 0.03, "\(observed)")
    #expect(firstOrder / observed > 1.9, "\(firstOrder) against \(observed)")
    #expect(abs(secondOrder / observed - 1) < 0.03, "\(secondOrder) against \(observed)")
    // A linear library has no curvature to take off.
    #expect(
      NoiseCurvature.isCurved(PolynomialLibrary(degree: 1, includesConstant: false), states: states) == false)
    #expect(NoiseCurvature.atMostQuadratic(library, states: states) == [true, true, true, true, true])
    #expect(
      NoiseCurvature.atMostQuadratic(PolynomialLibrary(degree: 3, includesConstant: false), states: states)
        .filter { $0 }.count == 5)
  }

  /// Reference data of Kepler at σ = 0.1 (100 × 100, seed 2023): before the support
  /// search and the second-order model, one formula came out (vx² + vy² − 2.5/r); now
  /// E, L and both Runge–Lenz components, each with its exact coefficients.
  @Test func keplerAtHighNoiseGivesItsFourLawsExactly() throws {
    let (result, data) = try discover(Kepler(), trajectories: 100, noise: 0.1)
    let found = result.invariants
    #expect(found.invariantCount == 4, "\((0..<found.invariantCount).map { found.formula($0) })")
    #expect(result.independentCount == 3)
    let energy = try #require(found.names.firstIndex(of: "energy"))
    #expect(abs(coefficient(found, energy, "1/r") + 1) < 1e-9, "\(found.formula(energy))")
    #expect(
      abs(coefficient(found, energy, "vx^2") - 0.5) < 1e-9
        && abs(coefficient(found, energy, "vy^2") - 0.5) < 1e-9)
    let l = try #require(found.names.firstIndex(of: "angular-momentum"))
    #expect(abs(coefficient(found, l, "x vy") - 1) < 1e-9 && abs(coefficient(found, l, "y vx") + 1) < 1e-9)
    // The Runge–Lenz components, each up to scale: x vy² − y vx vy − x/r and
    // x vx vy − y vx² + y/r.
    let lenz = [["x vy^2": 1.0, "y vx vy": -1, "x/r": -1], ["x vx vy": 1, "y vx^2": -1, "y/r": 1]]
    for law in lenz {
      let (term, value) = law.first { $0.key.hasSuffix("/r") }!
      let k = try #require(
        (0..<found.invariantCount).first {
          coefficient(found, $0, term) != 0 && !found.names[$0].contains("energy")
        },
        "\(term)")
      let scale = coefficient(found, k, term) / value
      for (name, expected) in law {
        #expect(abs(coefficient(found, k, name) / scale - expected) < 1e-9, "\(found.formula(k))")
      }
      #expect(
        found.coefficients[(k * found.termCount)..<((k + 1) * found.termCount)].filter { $0 != 0 }.count == 3)
    }
    #expect(result.laws.allSatisfy { $0.rounded })
    #expect(data.trajectoryCount == 100)
  }

  /// Kepler at σ = 0.1, seed 2031: the weighted refinement moves the energy's 1/r : v²
  /// to 2.8, which rounds to nothing; the unrefined fit, 2.1, the minimiser of the
  /// unweighted λ the rounding's test uses, rounds to the energy.
  @Test func anEnergyTheRefinementMovesAwayRoundsFromItsUnrefinedFit() throws {
    let (result, _) = try discover(Kepler(), trajectories: 100, noise: 0.1, seed: 2031)
    let found = result.invariants
    let energy = try #require(found.names.firstIndex(of: "energy"), "\(found.names)")
    #expect(abs(coefficient(found, energy, "1/r") + 1) < 1e-9, "\(found.formula(energy))")
    #expect(abs(coefficient(found, energy, "vx^2") - 0.5) < 1e-9, "\(found.formula(energy))")
    #expect(result.laws[energy].rounded)
  }

  /// The rigid body at σ = 0.5 (50 × 50): a cubic's second-order noise exceeds its
  /// first-order noise near a zero of its gradient, but its expansion in σ ends at the
  /// third order, so no point is left out for that (before, every point was, and the data
  /// were refused); the data tell no law apart from the noise and discovery says so.
  @Test func cubicTermsAreNotLeftOutForTheirSecondOrderNoise() throws {
    let library = PolynomialLibrary(degree: 3, includesConstant: false)
    let states = StateBatch(count: 4, dimension: 2, values: [0.3, -0.2, 1.1, 0.4, -0.7, 0.9, 0.05, 0.6])
    #expect(NoiseCurvature.atMostCubic(library, states: states).allSatisfy { $0 })
    let central = try FeatureLibraryRegistry.shared.library("central")
    #expect(
      NoiseCurvature.atMostCubic(
        central, states: StateBatch(count: 2, dimension: 4, values: [0.5, 0.2, 1, 0.3, -0.4, 0.8, 0.2, -1])
      )
      .allSatisfy { !$0 })
    let (result, _) = try discover(RigidBody(), trajectories: 50, noise: 0.5)
    #expect(result.keptPoints > 500, "\(result.keptPoints)")
    #expect(result.invariants.invariantCount == 0, "\(result.invariants.names)")
  }

  /// The SIR model at σ = 0.1: its library is quadratic, whose noise the second-order model
  /// gives exactly, so no point is left out (before, 910 of 2500: the first-order
  /// sensitivity test dropped wherever a term's noise exceeded its spread, and the noise
  /// model of the rest was biased); S + I + R comes out.
  @Test func theSIRPopulationIsFoundAtHighNoiseFromEveryPoint() throws {
    let (result, _) = try discover(Epidemic(), trajectories: 50, noise: 0.1)
    #expect(result.keptPoints == 2500)
    let found = result.invariants
    let k = try #require(found.names.firstIndex(of: "population"), "\(found.names)")
    for term in ["S", "I", "R"] {
      #expect(abs(coefficient(found, k, term) - 1) < 1e-9, "\(found.formula(k))")
    }
  }

  /// The trajectories' means against the scatter within them: one value on every
  /// trajectory scores as noise, differing values and means far from zero stand out.
  @Test func trajectoryMeansAreTestedAgainstTheScatterWithinTrajectories() throws {
    var generator = SeededGenerator(seed: 5)
    let (count, steps) = (60, 40)
    func series(_ mean: (Int) -> Double) -> [Double] {
      (0..<count).flatMap { t in (0..<steps).map { _ in mean(t) + Double(1 + t % 3) * generator.nextNormal() }
      }
    }
    let kept = [Bool](repeating: true, count: count * steps)
    let shared = TrajectoryMeans(
      series { _ in 3 }, kept: kept, layout: TrajectoryLayout(count: count, length: steps))
    #expect(shared.spreadAgainstNoise < shared.limit(significance: 6), "\(shared.spreadAgainstNoise)")
    #expect(shared.sizeAgainstNoise > 50)
    let differing = TrajectoryMeans(
      series { Double($0 % 4) }, kept: kept, layout: TrajectoryLayout(count: count, length: steps))
    #expect(differing.spreadAgainstNoise > 10, "\(differing.spreadAgainstNoise)")
    let zero = TrajectoryMeans(
      series { _ in 0 }, kept: kept, layout: TrajectoryLayout(count: count, length: steps))
    #expect(abs(zero.sizeAgainstNoise - 1) < 0.5, "\(zero.sizeAgainstNoise)")
    // Means of a fifth of the noise's size, invisible at any one point, stand out.
    let small = TrajectoryMeans(
      series { $0 % 2 == 0 ? 0.4 : -0.4 }, kept: kept, layout: TrajectoryLayout(count: count, length: steps))
    #expect(small.sizeAgainstNoise > small.limit(significance: 6), "\(small.sizeAgainstNoise)")
  }
}
