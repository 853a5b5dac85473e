import Foundation
import NoetherCore
import Testing

/// The three differentiation methods against the exact derivatives of known
/// trajectories, with and without noise.
@Suite struct DifferentiationTests {
  /// x(t) = (sin 2t, e^{−t/2} cos t) on [0, 10] at `count` points (uneven when asked),
  /// its exact derivative, and the states with Gaussian noise of σ.
  static func trajectory(count: Int, noise: Double, uneven: Bool = false, seed: UInt64 = 7) -> (
    times: [Double], states: [Double], exact: [Double]
  ) {
    var generator = SeededGenerator(seed: seed)
    var times = (0..<count).map { 10 * Double($0) / Double(count - 1) }
    if uneven {
      for k in 1..<(count - 1) { times[k] += 0.3 * (10 / Double(count - 1)) * sin(Double(k) * 1.7) }
    }
    var states = [Double]()
    var exact = [Double]()
    for t in times {
      states += [sin(2 * t), exp(-t / 2) * cos(t)]
      exact += [2 * cos(2 * t), -0.5 * exp(-t / 2) * cos(t) - exp(-t / 2) * sin(t)]
    }
    if noise > 0 { states = states.map { $0 + noise * generator.nextNormal() } }
    return (times, states, exact)
  }

  /// Root mean square error over the samples away from the ends (every method's ends
  /// are one-sided), relative to the exact derivative's root mean square.
  static func error(_ estimate: [Double], _ exact: [Double], trim: Int = 10) -> Double {
    let n = 2
    let range = (trim * n)..<(exact.count - trim * n)
    let e = range.reduce(0) { $0 + pow(estimate[$1] - exact[$1], 2) }
    let s = range.reduce(0) { $0 + exact[$1] * exact[$1] }
    return (e / s).squareRoot()
  }

  static let methods: [any Differentiation] = [
    FiniteDifference(), SavitzkyGolay(), TotalVariationDerivative(),
  ]

  @Test func withoutNoiseEveryMethodIsAccurateAndFiniteDifferencesAreSecondOrder() throws {
    for method in Self.methods {
      let data = Self.trajectory(count: 1001, noise: 0)
      let error = Self.error(method.derivatives(of: data.states, dimension: 2, times: data.times), data.exact)
      #expect(error < 2e-4, "\(method.name): relative error \(error)")
    }
    // Halving the step divides the finite-difference error by about 4, on uneven grids too.
    for uneven in [false, true] {
      let coarse = Self.trajectory(count: 201, noise: 0, uneven: uneven)
      let fine = Self.trajectory(count: 401, noise: 0, uneven: uneven)
      let e1 = Self.error(
        FiniteDifference().derivatives(of: coarse.states, dimension: 2, times: coarse.times), coarse.exact)
      let e2 = Self.error(
        FiniteDifference().derivatives(of: fine.states, dimension: 2, times: fine.times), fine.exact)
      let order = log2(e1 / e2)
      #expect(abs(order - 2) < 0.3, "uneven \(uneven): observed order \(order)")
      // First differences (the HNN paper's real-pendulum estimate): first order.
      let f1 = Self.error(
        FirstDifference().derivatives(of: coarse.states, dimension: 2, times: coarse.times), coarse.exact)
      let f2 = Self.error(
        FirstDifference().derivatives(of: fine.states, dimension: 2, times: fine.times), fine.exact)
      #expect(abs(log2(f1 / f2) - 1) < 0.2, "uneven \(uneven): first differences' order \(log2(f1 / f2))")
    }
  }

  @Test(arguments: [0.01, 0.1]) func withNoiseTheRegularisedMethodsBeatFiniteDifferences(_ sigma: Double) {
    let data = Self.trajectory(count: 1001, noise: sigma)
    let errors = Self.methods.map {
      Self.error($0.derivatives(of: data.states, dimension: 2, times: data.times), data.exact)
    }
    // Finite differences amplify the noise by about 1/(√2 Δt) = 70.
    #expect(errors[0] > 0.2 * sigma / 0.01)
    #expect(errors[1] < errors[0] / 5, "Savitzky–Golay \(errors[1]) vs finite differences \(errors[0])")
    #expect(errors[2] < errors[0] / 5, "total variation \(errors[2]) vs finite differences \(errors[0])")
    // Measured (σ 0.01, 0.1): Savitzky–Golay 0.009, 0.083; total variation 0.062, 0.19
    // (its derivative is piecewise constant, a staircase on a smooth signal).
    #expect(errors[1] < 2 * sigma && errors[2] < 0.1 * (sigma / 0.01).squareRoot(), "\(errors)")
  }

  @Test func theNoiseEstimateFindsTheNoiseLevel() {
    for sigma in [0.01, 0.1] {
      let data = Self.trajectory(count: 2001, noise: sigma)
      for level in estimatedNoise(of: data.states, dimension: 2) {
        #expect(abs(level / sigma - 1) < 0.15, "σ \(sigma): estimated \(level)")
      }
    }
  }

  /// On jittered time stamps the plain third difference takes up the signal's slope (the
  /// steps vary by ±30 %); the divided difference does not: noise-free states give a
  /// level near 0, noisy ones σ within 15 %. On an even grid, times change nothing.
  @Test func theNoiseEstimateOnAnUnevenGridIgnoresTheSteps() {
    let clean = Self.trajectory(count: 2001, noise: 0, uneven: true)
    let plain = estimatedNoise(of: clean.states, dimension: 2)
    let divided = estimatedNoise(of: clean.states, dimension: 2, times: clean.times)
    #expect(plain[0] > 1e-3 && divided.allSatisfy { $0 < 1e-5 }, "plain \(plain), divided \(divided)")
    for sigma in [0.01, 0.1] {
      let data = Self.trajectory(count: 2001, noise: sigma, uneven: true)
      for level in estimatedNoise(of: data.states, dimension: 2, times: data.times) {
        #expect(abs(level / sigma - 1) < 0.15, "σ \(sigma): estimated \(level)")
      }
      let even = Self.trajectory(count: 2001, noise: sigma)
      #expect(
        estimatedNoise(of: even.states, dimension: 2, times: even.times).map(\.bitPattern)
          == estimatedNoise(of: even.states, dimension: 2).map(\.bitPattern))
    }
  }

  @Test func shortTrajectoriesNeverTrap() {
    for count in 1...4 {
      let times = (0..<count).map(Double.init)
      let states = times.flatMap { [2 * $0 + 1, -$0] }
      for method in Self.methods {
        let d = method.derivatives(of: states, dimension: 2, times: times)
        #expect(d.count == states.count)
        if count >= 2 {
          #expect(
            d.enumerated().allSatisfy { abs($0.element - ($0.offset % 2 == 0 ? 2 : -1)) < 1e-9 },
            "\(method.name) \(count): \(d)")
        }
      }
    }
  }

  @Test func theRegistryParsesNamesAndParametersAndRefusesBadOnes() throws {
    let registry = DifferentiationRegistry()
    #expect(
      try registry.differentiation("savitzky-golay:window=11,order=2").name
        == "savitzky-golay:order=2,window=11")
    #expect(try registry.differentiation("total-variation:alpha=0.5").name == "total-variation:alpha=0.5")
    #expect(try registry.differentiation("finite-difference").name == "finite-difference")
    for (spec, message) in [
      ("spline", "unknown differentiation 'spline'"), ("savitzky-golay:window=10", "must be odd"),
      ("savitzky-golay:width=5", "it takes window, order"), ("total-variation:alpha=-1", "finite number > 0"),
      ("total-variation:alpha", "write key=number"),
    ] {
      #expect(throws: NoetherError.self) { try registry.differentiation(spec) }
      do { _ = try registry.differentiation(spec) } catch {
        #expect("\(error)".contains(message), "\(spec): \(error)")
      }
    }
  }
}
