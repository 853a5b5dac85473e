import Foundation

/// Rounds a found law's coefficients to the simplest numbers the data cannot tell from the fit.
///
/// A fitted law carries the noise's error in every coefficient (Kepler's energy
/// 0.499 vx² + 0.498 vy² − 0.999/r; the heat equation's Σ U with a ±2 % ripple across
/// its 101 nodes). Scaled so that one of its coefficients is 1, each coefficient is
/// rounded to the nearest multiple of 1/D for D = 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20 in
/// turn (every term kept, none rounded to 0), and the first D whose rounded law s the
/// data accept and resolve is taken:
/// - accept: with λ(c) = cᵀMc / cᵀBc the noise ratio and dof its degrees of freedom,
///   dof·(λ(s) − λ(ĉ)) / λ(ĉ) ≤ χ²ₖ(1 − α), ĉ the fitted law and k its number of terms
///   less one (the free coefficients). As λ(ĉ) is at least the smallest λ on the
///   support, the statistic is at most Wilks' likelihood ratio, χ²ₖ-distributed when s
///   is the true law, so a true simple law is refused with probability at most
///   α = 0.001, and directions the data do not excite (the heat equation's ripple) cost
///   nothing. Dividing by λ(ĉ) takes the noise's size from the fit itself where the
///   noise model B is off (Kepler at σ = 0.1: λ ≈ 0.54, not 1).
/// - resolve: the law a step of 1/(2D²) (half the spacing of fractions with denominators
///   up to D, in the largest coefficient) on from s, on the line from the fit through s,
///   is rejected by the same test. Otherwise the data cannot tell the simple numbers
///   apart along the rounding's own direction, and a law whose coefficient is not simple
///   (π/2 = 1.5708) would be rounded to whichever fraction lies near its fit
///   (19/12 = 1.5833). (A step along each coefficient alone would not do: the heat
///   equation's node coefficients are not determined one by one, only Σ U is.)
/// When no D passes, the law keeps its fitted coefficients.
struct CoefficientRounding {
  /// The denominators tried, simplest first.
  var denominators = [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20]
  /// The test's upper quantile as a standard normal deviate (3.09: α = 0.001).
  var quantile = 3.09
  /// Coefficients tried as the one scaled to 1 (the largest scaled ones).
  var references = 12
  /// The positions of c that may be the reference (nil: any). A balance law's quantity
  /// sets its scale (0.5 q² + 0.5 p² with −0.2 p², not −7/3 q² − 7/3 p² with p²).
  var referencePositions: Set<Int>?

  /// The rounded law over the same terms (scaled coefficients), or nil when no rounding
  /// passes the tests.
  /// - Parameters:
  ///   - c: the fitted law's scaled coefficients over the p active terms.
  ///   - m: M, p × p: the terms' change along the data (scaled).
  ///   - b: B, p × p: what the noise alone contributes (scaled).
  ///   - unscaled: per term, the factor from scaled to unscaled coefficients (1 / scale).
  ///   - dof: the degrees of freedom of λ.
  func rounded(
    _ c: [Double], m: [Double], b: [Double], unscaled: [Double], dof: Int
  ) -> [Double]? {
    let p = c.count
    let support = (0..<p).filter { c[$0] != 0 }
    let k = support.count - 1
    let fitted = DiscoveryAlgebra.rayleigh(c, m, b)
    guard k >= 1, fitted.isFinite else { return nil }
    let limit = Self.chiSquaredQuantile(degrees: k, normalDeviate: quantile)
    let accepted = { (candidate: [Double]) -> Bool in
      let lambda = DiscoveryAlgebra.rayleigh(candidate, m, b)
      return lambda.isFinite && Double(dof) * (lambda - fitted) / max(fitted, 1e-300) <= limit
    }
    // In unscaled coefficients the simple numbers are the law's own (0.5 vx², 1/r).
    let law = support.map { c[$0] * unscaled[$0] }
    let order = law.indices.filter { referencePositions?.contains(support[$0]) ?? true }
      .sorted { abs(c[support[$0]]) > abs(c[support[$1]]) }.prefix(references)
    // The law scaled so that each reference coefficient is 1.
    let scaledLaws = order.map { reference in (reference, law.map { $0 / law[reference] }) }
    for d in denominators {
      var best: (lambda: Double, coefficients: [Double])?
      let step = 1 / (2 * Double(d * d))
      for (reference, ratios) in scaledLaws {
        let simple = ratios.map { ($0 * Double(d)).rounded() / Double(d) }
        guard !simple.contains(0) else { continue }
        var candidate = [Double](repeating: 0, count: p)
        for (s, j) in support.enumerated() { candidate[j] = simple[s] * law[reference] / unscaled[j] }
        let lambda = DiscoveryAlgebra.rayleigh(candidate, m, b)
        guard accepted(candidate) else { continue }
        // Resolved: a step of 1/(2D²) on from s, away from the fit, is rejected.
        let away = zip(simple, ratios).map { $0 - $1 }
        let size = away.map(abs).max() ?? 0
        var beyond = candidate
        if size > 0 {
          for (s, j) in support.enumerated() {
            beyond[j] = (simple[s] + step * away[s] / size) * law[reference] / unscaled[j]
          }
        }
        let resolved = size == 0 || !accepted(beyond)
        if resolved, best == nil || lambda < best!.lambda { best = (lambda, candidate) }
      }
      if let best { return best.coefficients }
    }
    return nil
  }

  /// χ²ₖ's quantile at the standard normal deviate z (Wilson–Hilferty: within 3 % of the
  /// exact value for k ≥ 1 at z = 3.09).
  static func chiSquaredQuantile(degrees k: Int, normalDeviate z: Double) -> Double {
    let a = 2 / (9 * Double(k))
    return Double(k) * pow(1 - a + z * a.squareRoot(), 3)
  }
}
