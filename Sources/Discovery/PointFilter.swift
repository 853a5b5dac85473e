import NoetherCore

/// Leaves out the points where the noise model does not hold, then scales each term by
/// its spread over the points kept.
///
/// A point leaves when, for some active term θⱼ that is not exempt,
/// - the noise's first-order effect is large against the term's spread:
///   σ‖∇θⱼ‖ > `noiseSensitivity` · sⱼ (1/r near r = 0 at high noise), or
/// - (noisy data, terms that are no polynomial of degree ≤ 3) the second-order effect
///   ½σ⁴‖∇²θⱼ‖²_F exceeds both the first-order σ²‖∇θⱼ‖² and (10 % of the spread)²: there
///   the expansion in σ does not converge (1/r below r ≈ 1.6σ). A polynomial's expansion
///   ends at the third order, so a cubic near a zero of its gradient is no such sign.
/// Noisy data's polynomial terms of degree ≤ 2 are exempt from both: their second-order
/// noise model is exact. The scales are then the spreads over the kept points, so that
/// points left out do not decide what counts as a small coefficient.
struct PointFilter {
  /// The first-order limit: σ‖∇θⱼ‖ against this share of term j's spread.
  var noiseSensitivity: Double

  /// Sets `data.kept` (among the defined points) and rescales `data.scales` over the
  /// kept points.
  func apply(to data: inout PreparedData) {
    data.kept = keptPoints(data)
    guard data.kept.contains(false) else { return }
    let used = data.keptPoints
    let p = data.termCount
    for j in data.active {
      let mean = used.reduce(0.0) { $0 + data.theta[$1 * p + j] } / Double(max(used.count, 1))
      let spread = used.reduce(0.0) {
        $0 + (data.theta[$1 * p + j] - mean) * (data.theta[$1 * p + j] - mean)
      }
      let scale = (spread / Double(max(used.count, 1))).squareRoot()
      if scale > 0 { data.scales[j] = scale }
    }
  }

  /// Per point, whether it is kept (the Jacobians in chunks of 256 points).
  private func keptPoints(_ data: PreparedData) -> [Bool] {
    let (n, p, sigma) = (data.dimension, data.termCount, data.sigma)
    let noisy = data.isNoisy
    let quadratic = data.active.map { noisy && data.forms.atMostQuadratic[$0] }
    let cubic = data.active.map { noisy && data.forms.atMostCubic[$0] }
    let hessians =
      noisy && cubic.contains(false)
      ? NoiseCurvature.hessianNorms(library: data.library, states: data.states) : nil
    let sigma2 = sigma * sigma
    var kept = data.defined
    let chunk = 256
    for start in stride(from: 0, to: data.pointCount, by: chunk) {
      let end = min(start + chunk, data.pointCount)
      let jacobian = data.library.featureGradients(DiscoveryAlgebra.rows(data.states, start..<end))
      for i in start..<end where kept[i] {
        for (a, j) in data.active.enumerated() {
          var norm = 0.0
          for d in 0..<n {
            norm += jacobian[((i - start) * p + j) * n + d] * jacobian[((i - start) * p + j) * n + d]
          }
          let second = hessians.map { 0.5 * sigma2 * sigma2 * $0[i * p + j] } ?? 0
          let scale = data.scales[j]
          if !quadratic[a]
            && (sigma * norm.squareRoot() > noiseSensitivity * scale
              || (!cubic[a] && second > sigma2 * norm && second > 0.01 * scale * scale))
          {
            kept[i] = false
            break
          }
        }
      }
    }
    return kept
  }
}
