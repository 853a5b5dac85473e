import NoetherCore

/// What the data's change along each trajectory is, and what the noise alone would make
/// of it, over the kept points and the scaled active terms (p of them).
///
/// - R: the scaled terms minus their trajectory means (over the kept points of each
///   trajectory with at least 2), and M = RᵀR: how much Θ·c changes along the data is cᵀMc.
/// - B = σ² Σᵢ wᵢ² Jᵢ Jᵢᵀ with wᵢ² = 1 − 1/Tₜ (Jᵢ the scaled terms' gradients at point i,
///   Tₜ its trajectory's kept points): what the noise alone contributes to cᵀMc to first
///   order. For noisy data, less ½σ⁴ Σᵢ wᵢ² Σₐ,d (∂ₐ∂_dΘ)(∂ₐ∂_dΘ)ᵀ (`NoiseCurvature`: the
///   gradients, taken at the noisy states, overstate the noise of a combination whose
///   gradients cancel), unless that leaves B without a positive definite form.
/// - G: the scaled terms' second moments about zero over the kept points: a combination
///   whose values stay within the noise everywhere is a direction the data never excite.
/// - The threshold 1 + z·√(2/dof), dof = Σₜ (Tₜ − 1): λ = cᵀMc / cᵀBc is about 1 for a
///   conserved combination (its change is pure noise), within √(2/dof).
struct NoiseModel {
  /// p, the active terms.
  let size: Int
  /// R, row-major [points, p] (zero at points left out).
  let rows: [Double]
  /// Per point wᵢ = √(1 − 1/Tₜ); 0 where left out.
  let weights: [Double]
  let dof: Int
  /// M, p × p.
  let variation: [Double]
  /// B, p × p.
  let noise: [Double]
  /// G, p × p.
  let moments: [Double]
  /// The scaled terms at every kept point, row-major [points, p] (zero elsewhere).
  let scaledTerms: [Double]
  /// λ below this counts as conserved.
  let threshold: Double

  /// - Throws: `NoetherError` when the kept points give fewer differences than terms.
  init(_ data: PreparedData, significance: Double) throws {
    let p = data.active.count
    let (rows, weights, dof) = Self.centredRows(data)
    guard dof >= p else {
      throw NoetherError.invalidParameter(
        name: "data", value: "\(dof) usable differences for \(p) library terms",
        requirement:
          "needs more points than terms (the noise σ = \(data.noise.sigma) may be too large for this library near its singular points)"
      )
    }
    let variation = DiscoveryAlgebra.gram(rows, rows: data.pointCount, columns: p)
    var noise = Self.firstOrderNoise(data, weights: weights)
    if data.isNoisy,
      let curvature = NoiseCurvature.gram(
        library: data.library, states: data.states, weights: weights, active: data.active,
        scales: data.scales, uniform: data.active.allSatisfy { data.forms.atMostQuadratic[$0] })
    {
      let sigma = data.sigma
      let second = zip(noise, curvature).map { $0 - 0.5 * sigma * sigma * sigma * sigma * $1 }
      if (try? SymmetricEigen.generalized(variation, second, size: p)) != nil { noise = second }
    }
    noise = Self.positiveDefinite(noise, size: p)
    var scaledTerms = [Double](repeating: 0, count: data.pointCount * p)
    for i in 0..<data.pointCount where weights[i] > 0 {
      for (c, j) in data.active.enumerated() {
        scaledTerms[i * p + c] = data.theta[i * data.termCount + j] / data.scales[j]
      }
    }
    (self.size, self.rows, self.weights, self.dof) = (p, rows, weights, dof)
    (self.variation, self.noise, self.scaledTerms) = (variation, noise, scaledTerms)
    moments = DiscoveryAlgebra.gram(scaledTerms, rows: data.pointCount, columns: p)
    threshold = 1 + significance * (2 / Double(dof)).squareRoot()
  }

  /// R, the weights and dof (trajectories with fewer than 2 kept points take no part).
  private static func centredRows(_ data: PreparedData) -> (rows: [Double], weights: [Double], dof: Int) {
    let (p, pAll) = (data.active.count, data.termCount)
    var r = [Double](repeating: 0, count: data.pointCount * p)
    var weights = [Double](repeating: 0, count: data.pointCount)
    var dof = 0
    for range in data.layout.ranges {
      let points = range.filter { data.kept[$0] }
      guard points.count >= 2 else { continue }
      dof += points.count - 1
      for i in points { weights[i] = (1 - 1 / Double(points.count)).squareRoot() }
      for (c, j) in data.active.enumerated() {
        let mean = points.reduce(0.0) { $0 + data.theta[$1 * pAll + j] } / Double(points.count)
        for i in points { r[i * p + c] = (data.theta[i * pAll + j] - mean) / data.scales[j] }
      }
    }
    return (r, weights, dof)
  }

  /// σ² Σᵢ wᵢ² Jᵢ Jᵢᵀ over the scaled active terms (the Jacobians in chunks of 256 points).
  private static func firstOrderNoise(_ data: PreparedData, weights: [Double]) -> [Double] {
    let (p, pAll, n) = (data.active.count, data.termCount, data.dimension)
    var b = [Double](repeating: 0, count: p * p)
    let chunk = 256
    for start in stride(from: 0, to: data.pointCount, by: chunk) {
      let end = min(start + chunk, data.pointCount)
      let jacobian = data.library.featureGradients(DiscoveryAlgebra.rows(data.states, start..<end))
      var h = [Double](repeating: 0, count: (end - start) * n * p)
      for i in start..<end where weights[i] > 0 {
        for (c, j) in data.active.enumerated() {
          for d in 0..<n {
            h[((i - start) * n + d) * p + c] =
              weights[i] * jacobian[((i - start) * pAll + j) * n + d] / data.scales[j]
          }
        }
      }
      DiscoveryAlgebra.accumulateGram(h, rows: (end - start) * n, columns: p, into: &b)
    }
    let sigma = data.sigma
    for k in b.indices { b[k] *= sigma * sigma }
    return b
  }

  /// B itself when it is positive definite; else B plus the smallest ridge
  /// ε·(tr B / p)·I, ε = 10⁻¹², 10⁻¹¹, … 10⁻⁶, that makes it so. On exact data a combination
  /// whose gradient vanishes on the whole data set has no first-order noise at all: the
  /// SIR trajectories all have S + I + R = 1, so N² − 2N has gradient 2(N − 1)(1, 1, 1) = 0
  /// there, and B was singular ("dsygv info 18"). The ridge is the integrator's error
  /// floor such a direction still has; a positive definite B is returned unchanged.
  static func positiveDefinite(_ b: [Double], size p: Int) -> [Double] {
    guard p > 0, !SymmetricEigen.isPositiveDefinite(b, size: p) else { return b }
    let mean = (0..<p).reduce(0.0) { $0 + b[$1 * p + $1] } / Double(p)
    var epsilon = 1e-12
    while epsilon <= 1e-6 {
      var ridged = b
      for i in 0..<p { ridged[i * p + i] += epsilon * mean }
      if SymmetricEigen.isPositiveDefinite(ridged, size: p) { return ridged }
      epsilon *= 10
    }
    return b
  }

  /// (M, B) restricted to the terms in `subset` (indices into the p active terms).
  func restricted(to subset: [Int]) -> (m: [Double], b: [Double]) {
    let p = size
    return (
      subset.flatMap { i in subset.map { variation[i * p + $0] } },
      subset.flatMap { i in subset.map { noise[i * p + $0] } }
    )
  }
}
