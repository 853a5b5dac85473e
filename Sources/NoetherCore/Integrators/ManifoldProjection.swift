/// Pulls states back onto the level set of their invariants' initial values after each
/// accepted integrator step (SciML's `ManifoldProjection` callback): even an exactly
/// conserving field drifts off the level set by each Runge–Kutta step's error, and a
/// learned field drifts more.
///
/// For each state, Gauss–Newton on the m constraints C(x) = c₀ along their gradients:
/// x ← x − Gᵀ(GGᵀ)⁻¹(C(x) − c₀), G = ∇C(x) (m × n; the step by a QR factorisation of G,
/// not the normal equations), until every |Cₖ(x) − c₀ₖ| ≤
/// `tolerance`·max(1, |c₀ₖ|): `maximumIterations` times, more only while it still
/// converges (below). The invariants must be
/// functionally independent at the states (GGᵀ invertible); where they are not, or the
/// iteration does not converge, the projection reports it instead of returning a state.
///
/// Near a fold of the level set (Kepler's nearly circular orbits, where ∇E and ∇L nearly
/// align), Gauss–Newton converges only linearly: about ×0.25 per iteration was measured
/// there, so 8 iterations left 1e-6 where 1e-14 was asked. So past `maximumIterations`
/// the iteration goes on while the largest relative residual still falls (by ×0.9 within
/// 5 iterations), up to 10 times that budget, and reports failure only when it stalls.
public struct ManifoldProjection: Sendable {
  public let invariants: any InvariantFunction
  public var maximumIterations: Int
  /// Relative tolerance on each constraint.
  public var tolerance: Double

  public init(_ invariants: any InvariantFunction, maximumIterations: Int = 40, tolerance: Double = 1e-14) {
    self.invariants = invariants
    self.maximumIterations = maximumIterations
    self.tolerance = tolerance
  }

  /// The invariants' values at `states`, row-major [count, m]: the targets (for extended
  /// states of balance laws, their initial values C(x₀); `SourceCarriedField`).
  public func targets(at states: StateBatch) -> [Double] {
    guard isExtended(states) else { return invariants.values(at: states) }
    return invariants.values(at: SourceCarriedField.state(of: states, dimension: invariants.inputDimension))
  }

  /// `x` projected onto C = `targets` (row-major [count, m]); for extended states of
  /// balance laws, onto C = `targets` + z. Nil when the iteration does not converge or
  /// GGᵀ is singular for some state.
  public func project(_ x: StateBatch, onto targets: [Double]) -> StateBatch? {
    isExtended(x) ? projectExtended(x, onto: targets) : projectState(x, onto: targets)
  }

  /// `x` (states, not extended) projected onto C = `targets`.
  func projectState(_ x: StateBatch, onto targets: [Double]) -> StateBatch? {
    let (m, n) = (invariants.invariantCount, x.dimension)
    var states = x
    var best = Double.infinity
    var stalled = 0
    for iteration in 0... {
      let values = invariants.values(at: states)
      var worst = 0.0
      for k in values.indices {
        let excess = abs(values[k] - targets[k]) / (tolerance * max(1, abs(targets[k])))
        worst = excess.isNaN ? .infinity : max(worst, excess)
      }
      if worst <= 1 { return states }
      // Past the budget, go on only while the residual still falls (a linear approach
      // near a fold: at least ×0.9 every 5 iterations), up to 10 times the budget.
      if worst < 0.9 * best {
        best = worst
        stalled = 0
      } else {
        stalled += 1
      }
      if iteration >= maximumIterations && (stalled >= 5 || iteration >= 10 * maximumIterations) {
        break
      }
      let gradients = invariants.gradients(at: states)
      for i in 0..<states.count {
        let g = Array(gradients[(i * m * n)..<((i + 1) * m * n)])
        let r = (0..<m).map { values[i * m + $0] - targets[i * m + $0] }
        guard let step = Self.minimumNormStep(g, r, rows: m, columns: n) else { return nil }
        for j in 0..<n { states.values[i * n + j] -= step[j] }
      }
    }
    return nil
  }

  /// Gᵀ(GGᵀ)⁻¹r, the smallest δ with G δ = r, for G (m × n, row-major) of full row rank,
  /// without forming GGᵀ (whose condition is cond(G)², which near a fold of the level set
  /// leaves nothing to solve with): G = L Q by modified Gram–Schmidt on G's rows (twice,
  /// for orthogonality), Q's rows orthonormal and L lower triangular, so δ = Qᵀ L⁻¹ r.
  /// nil when a row is within 1e-13 of the span of those before it (relative to its
  /// norm), or a value is not finite.
  static func minimumNormStep(_ g: [Double], _ r: [Double], rows m: Int, columns n: Int) -> [Double]? {
    var q = g
    var l = [Double](repeating: 0, count: m * m)
    for a in 0..<m {
      let norm = (0..<n).reduce(0.0) { $0 + g[a * n + $1] * g[a * n + $1] }.squareRoot()
      guard norm > 0, norm.isFinite else { return nil }
      for _ in 0..<2 {
        for b in 0..<a {
          var dot = 0.0
          for j in 0..<n { dot += q[b * n + j] * q[a * n + j] }
          l[a * m + b] += dot
          for j in 0..<n { q[a * n + j] -= dot * q[b * n + j] }
        }
      }
      let remainder = (0..<n).reduce(0.0) { $0 + q[a * n + $1] * q[a * n + $1] }.squareRoot()
      guard remainder > 1e-13 * norm else { return nil }
      l[a * m + a] = remainder
      for j in 0..<n { q[a * n + j] /= remainder }
    }
    // Forward substitution L y = r, then δ = Qᵀ y.
    var y = [Double](repeating: 0, count: m)
    for a in 0..<m {
      var sum = r[a]
      for b in 0..<a { sum -= l[a * m + b] * y[b] }
      y[a] = sum / l[a * m + a]
    }
    var step = [Double](repeating: 0, count: n)
    for a in 0..<m { for j in 0..<n { step[j] += q[a * n + j] * y[a] } }
    return step.allSatisfy(\.isFinite) ? step : nil
  }
}
