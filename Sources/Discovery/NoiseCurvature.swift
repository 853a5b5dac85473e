import NoetherCore
import SINDy

/// The second-order noise model: what the curvature of the library's terms adds to, and
/// takes from, the noise a combination of them picks up, and where that model holds.
///
/// For a state x seen as x̃ = x + σε (ε standard normal) and a combination Θ·c with
/// Hessian Hc = Σₖ cₖ ∇²θₖ, to fourth order in σ
///
///     Var(Θ(x̃)·c) = σ² |J(x)ᵀc|² + ½ σ⁴ ‖Hc‖²_F + σ⁴ (J(x)ᵀc)·∇(Δ Θ·c),
///     σ² E |J(x̃)ᵀc|² = σ² |J(x)ᵀc|² + σ⁴ ‖Hc‖²_F + σ⁴ (J(x)ᵀc)·∇(Δ Θ·c),
///
/// so the first-order model σ²|J(x̃)ᵀc|², with the gradients taken where they can be, at
/// the noisy states, overstates the noise by ½ σ⁴ ‖Hc‖²_F and is otherwise right to that
/// order. The excess is small for one term but not for a combination whose gradients
/// cancel (an invariant's, by construction: its gradient is orthogonal to the flow) while
/// their curvatures do not, so ½ σ⁴ Σᵢ Σₐ,d (∂ₐ∂_d Θ)(∂ₐ∂_d Θ)ᵀ is taken off B (the
/// model against the true noise of x² + y²: `HighNoiseDiscoveryTests`).
enum NoiseCurvature {
  /// Σᵢ wᵢ² Σₐ,d (∂ₐ∂_d θⱼ/sⱼ)(∂ₐ∂_d θₖ/sₖ) over the points with wᵢ > 0, for the
  /// library terms `active` (scaled by `scales`), as an `active.count`² row-major matrix;
  /// the Hessians by central differences of the gradients (step 10⁻⁴(1 + |xₐ|), error
  /// about 10⁻⁸ relative). Nil when the gradients do not change on the data (a linear
  /// library: the first-order model is exact and the sum is zero). When every active term
  /// is at most quadratic (`uniform`), the Hessians are the same at every point: they are
  /// taken at the first point with a weight and the sum is that times Σᵢ wᵢ².
  static func gram(
    library: any FeatureLibrary, states: StateBatch, weights: [Double], active: [Int], scales: [Double],
    uniform: Bool = false
  ) -> [Double]? {
    let n = states.dimension
    let pAll = library.featureCount(dimension: n)
    let p = active.count
    guard isCurved(library, states: states) else { return nil }
    var out = [Double](repeating: 0, count: p * p)
    if uniform {
      guard let first = weights.firstIndex(where: { $0 > 0 }) else { return out }
      let one = gram(
        library: library, states: subset(states, [first]), weights: [1], active: active, scales: scales)
      let total = weights.reduce(0) { $0 + $1 * $1 }
      return one.map { $0.map { $0 * total } } ?? out
    }
    let chunk = 256
    for start in stride(from: 0, to: states.count, by: chunk) {
      let end = min(start + chunk, states.count)
      let points = (start..<end).filter { weights[$0] > 0 }
      guard !points.isEmpty else { continue }
      let base = subset(states, points)
      for a in 0..<n {
        let (up, down, steps) = shifted(library, base, along: a, step: 1e-4)
        // Rows (point, d), columns the scaled terms: wᵢ ∂ₐ∂_d θⱼ / sⱼ.
        var h = [Double](repeating: 0, count: points.count * n * p)
        for (i, point) in points.enumerated() {
          let factor = weights[point] / (2 * steps[i])
          for (c, j) in active.enumerated() {
            for d in 0..<n {
              let k = (i * pAll + j) * n + d
              h[(i * n + d) * p + c] = factor * (up[k] - down[k]) / scales[j]
            }
          }
        }
        DiscoveryAlgebra.accumulateGram(h, rows: points.count * n, columns: p, into: &out)
      }
    }
    return out
  }

  /// ‖∇²θⱼ‖²_F at every state, row-major [states, all library terms] (central differences
  /// of the gradients, as in `gram`); nil for a library without curvature.
  static func hessianNorms(library: any FeatureLibrary, states: StateBatch) -> [Double]? {
    guard isCurved(library, states: states) else { return nil }
    let n = states.dimension
    let p = library.featureCount(dimension: n)
    var out = [Double](repeating: 0, count: states.count * p)
    let chunk = 256
    for start in stride(from: 0, to: states.count, by: chunk) {
      let end = min(start + chunk, states.count)
      let base = DiscoveryAlgebra.rows(states, start..<end)
      for a in 0..<n {
        let (up, down, steps) = shifted(library, base, along: a, step: 1e-4)
        for i in 0..<base.count {
          for j in 0..<p {
            for d in 0..<n {
              let k = (i * p + j) * n + d
              let h = (up[k] - down[k]) / (2 * steps[i])
              out[(start + i) * p + j] += h * h
            }
          }
        }
      }
    }
    return out
  }

  /// Per library term, true when its gradient is affine on the data — its Hessian the
  /// same at up to 16 data points and at those points moved along a fixed direction (a
  /// polynomial of degree ≤ 2, whose noise the second-order model gives exactly).
  static func atMostQuadratic(_ library: any FeatureLibrary, states: StateBatch) -> [Bool] {
    let n = states.dimension
    let p = library.featureCount(dimension: n)
    let base = subset(
      states, Array(stride(from: 0, to: states.count, by: max(states.count / 16, 1)).prefix(16)))
    var moved = base
    for i in 0..<base.count {
      for d in 0..<n { moved[i, d] += 0.1 * (1 + abs(base[i, d])) * (d % 2 == 0 ? 1 : -0.7) }
    }
    var quadratic = [Bool](repeating: true, count: p)
    for a in 0..<n {
      let (up, down, steps) = shifted(library, base, along: a, step: 1e-3)
      let (upMoved, downMoved, stepsMoved) = shifted(library, moved, along: a, step: 1e-3)
      for i in 0..<base.count {
        for j in 0..<p where quadratic[j] {
          for d in 0..<n {
            let k = (i * p + j) * n + d
            let here = (up[k] - down[k]) / (2 * steps[i])
            let there = (upMoved[k] - downMoved[k]) / (2 * stepsMoved[i])
            if abs(here - there) > 1e-6 * max(abs(here), abs(there), 1) { quadratic[j] = false }
          }
        }
      }
    }
    return quadratic
  }

  /// Per library term, true when it is a polynomial of degree ≤ 3 on the data: its
  /// gradient's third difference G(x + 3δ) − 3G(x + 2δ) + 3G(x + δ) − G(x) vanishes at up
  /// to 16 data points along a fixed δ = 0.1(1 + |x|). Its expansion in σ ends at the
  /// third order, so the second-order effect exceeding the first is no sign of divergence
  /// (a cubic near a zero of its gradient, the rigid body's w³ at σ = 0.3), unlike 1/r's
  /// near r = 0.
  static func atMostCubic(_ library: any FeatureLibrary, states: StateBatch) -> [Bool] {
    let n = states.dimension
    let p = library.featureCount(dimension: n)
    let base = subset(
      states, Array(stride(from: 0, to: states.count, by: max(states.count / 16, 1)).prefix(16)))
    let gradients = (0...3).map { k -> [Double] in
      var moved = base
      for i in 0..<base.count {
        for d in 0..<n { moved[i, d] += Double(k) * 0.1 * (1 + abs(base[i, d])) * (d % 2 == 0 ? 1 : -0.7) }
      }
      return library.featureGradients(moved)
    }
    var cubic = [Bool](repeating: true, count: p)
    for i in 0..<base.count {
      for j in 0..<p where cubic[j] {
        for d in 0..<n {
          let k = (i * p + j) * n + d
          let third = gradients[3][k] - 3 * gradients[2][k] + 3 * gradients[1][k] - gradients[0][k]
          let size = (0...3).map { abs(gradients[$0][k]) }.max()!
          if abs(third) > 1e-6 * max(size, 1) { cubic[j] = false }
        }
      }
    }
    return cubic
  }

  /// False when the library's gradients are the same at up to 16 data points and at those
  /// points moved by 10⁻³(1 + |x|) along a fixed direction (a linear library, such as
  /// the heat equation's 101 nodes, where the Hessians would cost 2n gradient evaluations
  /// per point for nothing).
  static func isCurved(_ library: any FeatureLibrary, states: StateBatch) -> Bool {
    let n = states.dimension
    let base = subset(
      states, Array(stride(from: 0, to: states.count, by: max(states.count / 16, 1)).prefix(16)))
    var moved = base
    for i in 0..<base.count {
      for d in 0..<n { moved[i, d] += 1e-3 * (1 + abs(base[i, d])) * (d % 2 == 0 ? 1 : -0.7) }
    }
    let (here, there) = (library.featureGradients(base), library.featureGradients(moved))
    let size = here.map(abs).max() ?? 0
    return zip(here, there).contains { abs($0 - $1) > 1e-12 * max(size, 1e-300) }
  }

  /// The states at `points`.
  static func subset(_ states: StateBatch, _ points: [Int]) -> StateBatch {
    let n = states.dimension
    return StateBatch(
      count: points.count, dimension: n, values: points.flatMap { states.values[($0 * n)..<(($0 + 1) * n)] })
  }

  /// The gradients at the states moved by ±h(1 + |xₐ|) along component a, and the steps.
  static func shifted(_ library: any FeatureLibrary, _ states: StateBatch, along a: Int, step: Double) -> (
    up: [Double], down: [Double], steps: [Double]
  ) {
    var plus = states
    var minus = states
    var steps = [Double](repeating: 0, count: states.count)
    for i in 0..<states.count {
      steps[i] = step * (1 + abs(states[i, a]))
      plus[i, a] += steps[i]
      minus[i, a] -= steps[i]
    }
    return (library.featureGradients(plus), library.featureGradients(minus), steps)
  }
}
