import NoetherCore
import SINDy

/// Refines a found invariant's coefficients for noise that differs from point to point.
///
/// The generalised eigenproblem M c = λ B c weighs every point alike, but a combination's
/// noise at point i, σ²(1 − 1/T)|Jᵢᵀc|², can differ by orders of magnitude along the data
/// (Kepler's 1/r: σ/r² is 100 times larger at r = 0.1 than at r = 1), so the noisiest
/// points decide the estimate. The maximum-likelihood (Sampson) criterion
/// Σᵢ (cᵀrᵢ)² / (cᵀBᵢc) weighs each point by the inverse of its own noise; it is minimised
/// by reweighting: ωᵢ = 1 / (cᵀBᵢc) at the current c (capped at 100 times the median),
/// then the smallest generalised eigenvector of Σ ωᵢ rᵢrᵢᵀ and Σ ωᵢ Bᵢ on the formula's own
/// terms (rᵢ its terms minus their weighted trajectory mean), a few times. Only the
/// coefficients change: the terms (the support) stay those that sparsification chose.
struct WeightedRefinement {
  let library: any FeatureLibrary
  /// Iterations of reweighting.
  var iterations = 4
  /// Formulas with more than this many (terms × state dimensions) are left as they are
  /// (the gradients are kept per point; a linear formula's weights are all equal anyway).
  var sizeLimit = 256

  /// A refined formula and its weighted noise ratio.
  struct Fit {
    /// The coefficients over the whole library.
    var coefficients: [Double]
    /// λ_w = Σ ωᵢ (cᵀrᵢ)² / Σ ωᵢ cᵀBᵢc at the final weights (≈ 1 for a law); NaN when
    /// the formula was left as it was.
    var noiseRatio: Double
    /// The weighted test's degrees of freedom: Σ over trajectories of Kish's effective
    /// number of points, (Σ ωᵢ)² / Σ ωᵢ², less one.
    var dof: Double
  }

  /// The refined coefficients (the same support, scaled so that their projection on `c` is `c`),
  /// or `c` unchanged (noise ratio NaN) when the formula is too large, a weight is not
  /// finite, or the eigenproblem fails.
  /// - Parameters:
  ///   - c: coefficients over the whole library.
  ///   - theta: library values at every point, [points, terms].
  ///   - states: the points.
  ///   - varianceFactors: per point, the noise variance factor of a centred value
  ///     (1 − 1/T over kept points; 0 for points left out).
  ///   - layout: which points are whose trajectory.
  func refine(
    _ c: [Double], theta: [Double], states: StateBatch, varianceFactors: [Double], layout: TrajectoryLayout,
    sigma: Double
  ) -> Fit {
    let unchanged = Fit(coefficients: c, noiseRatio: .nan, dof: 0)
    let pAll = c.count
    let support = (0..<pAll).filter { c[$0] != 0 }
    let (q, n) = (support.count, states.dimension)
    guard q >= 2, q * n <= sizeLimit, sigma > 0 else { return unchanged }
    let terms = ScaledTerms(library: library, support: support, theta: theta, states: states)
    var current = support.enumerated().map { c[$1] * terms.scale[$0] }
    var ratio = Double.nan
    var omega = [Double](repeating: 0, count: states.count)
    for _ in 0..<iterations {
      guard let weights = terms.weights(current, varianceFactors: varianceFactors, sigma: sigma) else {
        return unchanged
      }
      omega = weights
      let (m, b) = terms.weightedForms(omega, varianceFactors: varianceFactors, layout: layout)
      guard let (values, vectors) = try? SymmetricEigen.generalized(m, b, size: q) else { return unchanged }
      let next = (0..<q).map { vectors[$0 * q] }
      guard next.allSatisfy(\.isFinite) else { return unchanged }
      current = next
      ratio = values[0] / (sigma * sigma)  // b leaves out σ²
    }
    // Back to the library's coefficients, scaled so that the projection on c is c.
    var refined = [Double](repeating: 0, count: pAll)
    for (s, j) in support.enumerated() { refined[j] = current[s] / terms.scale[s] }
    let overlap = zip(c, refined).reduce(0) { $0 + $1.0 * $1.1 }
    guard overlap != 0, overlap.isFinite else { return unchanged }
    let factor = c.reduce(0) { $0 + $1 * $1 } / overlap
    return Fit(
      coefficients: refined.map { $0 * factor }, noiseRatio: ratio,
      dof: Self.effectiveDof(omega, layout: layout))
  }

  /// The weighted test's degrees of freedom at weights ω: Σ over trajectories of Kish's
  /// effective number of points, (Σ ωᵢ)² / Σ ωᵢ², less one.
  static func effectiveDof(_ omega: [Double], layout: TrajectoryLayout) -> Double {
    var dof = 0.0
    for points in layout.ranges {
      let (sum, sum2) = points.reduce((0.0, 0.0)) { ($0.0 + omega[$1], $0.1 + omega[$1] * omega[$1]) }
      if sum2 > 0 { dof += max(sum * sum / sum2 - 1, 0) }
    }
    return dof
  }
}

/// A formula's terms (its support) at every point, each scaled by its RMS so that the
/// small eigenproblems are well conditioned, with their gradients.
private struct ScaledTerms {
  let support: [Int]
  let theta: [Double]
  let termCount: Int
  let dimension: Int
  /// Per support term, its RMS over the points.
  let scale: [Double]
  /// ∂θⱼ/∂x / scaleⱼ at every point, [points, support, dimension].
  let gradients: [Double]

  init(library: any FeatureLibrary, support: [Int], theta: [Double], states: StateBatch) {
    let (pAll, q, n, total) = (
      library.featureCount(dimension: states.dimension), support.count, states.dimension, states.count
    )
    var scale = [Double](repeating: 0, count: q)
    for (s, j) in support.enumerated() {
      var sum2 = 0.0
      for i in 0..<total { sum2 += theta[i * pAll + j] * theta[i * pAll + j] }
      scale[s] = max((sum2 / Double(total)).squareRoot(), 1e-300)
    }
    var gradients = [Double](repeating: 0, count: total * q * n)
    let chunk = 256
    for start in stride(from: 0, to: total, by: chunk) {
      let end = min(start + chunk, total)
      let jacobian = library.featureGradients(DiscoveryAlgebra.rows(states, start..<end))
      for i in start..<end {
        for (s, j) in support.enumerated() {
          for d in 0..<n {
            gradients[(i * q + s) * n + d] = jacobian[((i - start) * pAll + j) * n + d] / scale[s]
          }
        }
      }
    }
    (self.support, self.theta, self.termCount, self.dimension) = (support, theta, pAll, n)
    (self.scale, self.gradients) = (scale, gradients)
  }

  /// ωᵢ = 1 / (σ² vᵢ |Jᵢᵀc|²) at the scaled coefficients c, capped at 100 × the median
  /// and divided by the cap (0 where vᵢ = 0); nil when no weight is positive.
  func weights(_ c: [Double], varianceFactors: [Double], sigma: Double) -> [Double]? {
    let (q, n) = (support.count, dimension)
    var omega = [Double](repeating: 0, count: varianceFactors.count)
    for i in omega.indices where varianceFactors[i] > 0 {
      var norm2 = 0.0
      for d in 0..<n {
        var g = 0.0
        for s in 0..<q { g += c[s] * gradients[(i * q + s) * n + d] }
        norm2 += g * g
      }
      omega[i] = 1 / max(sigma * sigma * varianceFactors[i] * norm2, 1e-300)
    }
    let positive = omega.filter { $0 > 0 }.sorted()
    guard !positive.isEmpty else { return nil }
    let cap = 100 * positive[positive.count / 2]
    for i in omega.indices { omega[i] = min(omega[i], cap) / cap }
    return omega
  }

  /// Σ ωᵢ rᵢrᵢᵀ and Σ ωᵢ vᵢ JᵢJᵢᵀ (without σ²) over the support, rᵢ the scaled terms less
  /// their weighted trajectory mean.
  func weightedForms(_ omega: [Double], varianceFactors: [Double], layout: TrajectoryLayout) -> (
    m: [Double], b: [Double]
  ) {
    let (q, n, pAll) = (support.count, dimension, termCount)
    var m = [Double](repeating: 0, count: q * q)
    var b = [Double](repeating: 0, count: q * q)
    for points in layout.ranges {
      let weight = points.reduce(0.0) { $0 + omega[$1] }
      guard weight > 0 else { continue }
      var mean = [Double](repeating: 0, count: q)
      for i in points where omega[i] > 0 {
        for (s, j) in support.enumerated() { mean[s] += omega[i] * theta[i * pAll + j] / scale[s] }
      }
      for s in 0..<q { mean[s] /= weight }
      for i in points where omega[i] > 0 {
        let r = support.enumerated().map { theta[i * pAll + $1] / scale[$0] - mean[$0] }
        for a in 0..<q {
          for e in 0..<q {
            m[a * q + e] += omega[i] * r[a] * r[e]
            var g = 0.0
            for d in 0..<n { g += gradients[(i * q + a) * n + d] * gradients[(i * q + e) * n + d] }
            b[a * q + e] += omega[i] * varianceFactors[i] * g
          }
        }
      }
    }
    return (m, b)
  }
}
