/// Second-order finite differences on a possibly uneven grid: the three-point
/// central formula inside, the three-point one-sided formulas at both ends (with two
/// samples, the slope between them; with one, zero).
///
/// Error O(Δt²) on smooth data; noise of standard deviation σ becomes about σ/Δt in
/// the estimate, which is why ``SavitzkyGolay`` and ``TotalVariationDerivative`` exist.
public struct FiniteDifference: Differentiation {
  public init() {}

  public var name: String { "finite-difference" }

  public func derivatives(of states: [Double], dimension n: Int, times t: [Double]) -> [Double] {
    let count = t.count
    var out = [Double](repeating: 0, count: states.count)
    guard count >= 2, states.count == count * n else { return out }
    func x(_ k: Int, _ j: Int) -> Double { states[k * n + j] }
    if count == 2 {
      for j in 0..<n {
        let slope = (x(1, j) - x(0, j)) / (t[1] - t[0])
        out[j] = slope
        out[n + j] = slope
      }
      return out
    }
    // Weights of the quadratic through three points, differentiated at point `at`.
    func weights(_ k0: Int, _ k1: Int, _ k2: Int, at k: Int) -> (Double, Double, Double) {
      let (t0, t1, t2, s) = (t[k0], t[k1], t[k2], t[k])
      return (
        ((s - t1) + (s - t2)) / ((t0 - t1) * (t0 - t2)),
        ((s - t0) + (s - t2)) / ((t1 - t0) * (t1 - t2)),
        ((s - t0) + (s - t1)) / ((t2 - t0) * (t2 - t1))
      )
    }
    for k in 0..<count {
      let (k0, k1, k2) =
        k == 0 ? (0, 1, 2) : (k == count - 1 ? (count - 3, count - 2, count - 1) : (k - 1, k, k + 1))
      let (w0, w1, w2) = weights(k0, k1, k2, at: k)
      for j in 0..<n { out[k * n + j] = w0 * x(k0, j) + w1 * x(k1, j) + w2 * x(k2, j) }
    }
    return out
  }
}
