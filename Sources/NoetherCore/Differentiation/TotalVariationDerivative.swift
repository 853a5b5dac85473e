import Foundation

/// Total-variation regularised differentiation (after Rudin, Osher & Fatemi; Chartrand
/// 2011 for derivatives): each component's samples y are replaced by the x minimising
///
///     ½ Σₖ (xₖ − yₖ)² + α Σₖ |uₖ₊₁ − uₖ|,   uₖ = (xₖ₊₁ − xₖ)/(tₖ₊₁ − tₖ),
///
/// so that the derivative u has bounded variation (it may jump, it does not oscillate
/// with the noise), and ẋ is then read from x by ``FiniteDifference``. The minimiser is
/// found by lagged diffusivity (iteratively reweighted least squares): each step solves
/// the pentadiagonal system (I + α D₂ᵀ W D₂) x = y, W = diag(1/√((D₂x)² + ε²)), in O(T).
///
/// With `alpha` nil, α follows the noise (the discrepancy principle): bisection in log α
/// until the residual's root mean square equals the component's σ, which is `noise` when
/// given (a data file's own level), else estimated from the data
/// (``estimatedNoise(of:dimension:times:)``). Noise-free data are left as they are.
public struct TotalVariationDerivative: Differentiation {
  /// The regularisation weight α; nil: chosen from the noise.
  public var alpha: Double?
  /// The states' noise σ; nil: estimated from each trajectory.
  public var noise: Double?
  /// σ per state component, stated (`withNoise(byComponent:)`); used instead of `noise`
  /// for states of that many components.
  public var componentNoise: [Double]?
  /// Reweighting steps per solve.
  public var iterations: Int

  public init(alpha: Double? = nil, noise: Double? = nil, iterations: Int = 12) {
    self.alpha = alpha
    self.noise = noise
    self.iterations = iterations
  }

  public var name: String { "total-variation" + (alpha.map { ":alpha=\($0)" } ?? "") }

  public func derivatives(of states: [Double], dimension n: Int, times: [Double]) -> [Double] {
    let count = times.count
    guard count >= 4, states.count == count * n else {
      return FiniteDifference().derivatives(of: states, dimension: n, times: times)
    }
    let sigma = noiseLevels(of: states, dimension: n, times: times, stated: componentNoise, uniform: noise)
    var smoothed = states
    for j in 0..<n {
      let y = (0..<count).map { states[$0 * n + j] }
      let x: [Double]
      if let alpha {
        x = smooth(y, times, alpha: alpha, start: y)
      } else if sigma[j] > 0 {
        x = discrepancySmooth(y, times, sigma: sigma[j])
      } else {
        x = y
      }
      for k in 0..<count { smoothed[k * n + j] = x[k] }
    }
    return FiniteDifference().derivatives(of: smoothed, dimension: n, times: times)
  }

  public func withNoise(byComponent sigma: [Double]) -> any Differentiation {
    var copy = self
    copy.componentNoise = sigma
    return copy
  }

  /// Bisection in log α for rms(x − y) = σ (the residual grows with α).
  private func discrepancySmooth(_ y: [Double], _ times: [Double], sigma: Double) -> [Double] {
    let span = times[times.count - 1] - times[0]
    let step = span / Double(times.count - 1)
    // α σ/Δt balances σ²: start the bracket around α = σ Δt, six decades either side.
    var low = log(sigma * step) - 6 * log(10.0)
    var high = log(sigma * step) + 6 * log(10.0)
    var best = y
    var start = y
    for _ in 0..<24 {
      let middle = 0.5 * (low + high)
      let x = smooth(y, times, alpha: exp(middle), start: start)
      var sum = 0.0
      for k in y.indices { sum += (x[k] - y[k]) * (x[k] - y[k]) }
      let rms = (sum / Double(y.count)).squareRoot()
      if rms > sigma {
        high = middle
      } else {
        low = middle
        best = x
        start = x
      }
      if high - low < 0.05 { break }
    }
    return best
  }

  /// The reweighted solves for one α, from `start`.
  func smooth(_ y: [Double], _ times: [Double], alpha: Double, start: [Double]) -> [Double] {
    let count = y.count
    let rows = count - 2
    // (D₂x)ₖ = a x_k + b x_{k+1} + c x_{k+2}: the change of slope across sample k+1.
    var a = [Double](repeating: 0, count: rows)
    var b = [Double](repeating: 0, count: rows)
    var c = [Double](repeating: 0, count: rows)
    for k in 0..<rows {
      let h0 = times[k + 1] - times[k]
      let h1 = times[k + 2] - times[k + 1]
      a[k] = 1 / h0
      b[k] = -1 / h0 - 1 / h1
      c[k] = 1 / h1
    }
    func secondDifferences(_ x: [Double]) -> [Double] {
      var d = [Double](repeating: 0, count: rows)
      for k in 0..<rows {
        let left: Double = a[k] * x[k]
        let middle: Double = b[k] * x[k + 1]
        d[k] = left + middle + c[k] * x[k + 2]
      }
      return d
    }
    let initial = secondDifferences(y)
    let scale = (initial.reduce(0) { $0 + $1 * $1 } / Double(rows)).squareRoot()
    let epsilon = max(1e-6 * scale, 1e-12)
    var x = start
    for _ in 0..<iterations {
      let d = secondDifferences(x)
      // The pentadiagonal matrix I + α D₂ᵀ W D₂ by its three upper diagonals.
      var main = [Double](repeating: 1, count: count)
      var first = [Double](repeating: 0, count: count)
      var second = [Double](repeating: 0, count: count)
      for k in 0..<rows {
        let w = alpha / (d[k] * d[k] + epsilon * epsilon).squareRoot()
        let entries = [a[k], b[k], c[k]]
        for p in 0..<3 {
          main[k + p] += w * entries[p] * entries[p]
          if p < 2 { first[k + p] += w * entries[p] * entries[p + 1] }
        }
        second[k] += w * a[k] * c[k]
      }
      x = Self.solvePentadiagonal(main: main, first: first, second: second, y)
    }
    return x
  }

  /// Solves a symmetric positive definite pentadiagonal system by LDLᵀ, O(T).
  /// `first[i]` is A[i][i+1], `second[i]` is A[i][i+2].
  static func solvePentadiagonal(main: [Double], first: [Double], second: [Double], _ rhs: [Double])
    -> [Double]
  {
    let n = main.count
    var d = [Double](repeating: 0, count: n)
    var l1 = [Double](repeating: 0, count: n)  // L[i+1][i]
    var l2 = [Double](repeating: 0, count: n)  // L[i+2][i]
    for i in 0..<n {
      var di = main[i]
      if i >= 1 { di -= l1[i - 1] * l1[i - 1] * d[i - 1] }
      if i >= 2 { di -= l2[i - 2] * l2[i - 2] * d[i - 2] }
      d[i] = di
      if i + 1 < n {
        var v = first[i]
        if i >= 1 { v -= l2[i - 1] * l1[i - 1] * d[i - 1] }
        l1[i] = v / di
      }
      if i + 2 < n { l2[i] = second[i] / di }
    }
    var z = rhs
    for i in 0..<n {
      if i >= 1 { z[i] -= l1[i - 1] * z[i - 1] }
      if i >= 2 { z[i] -= l2[i - 2] * z[i - 2] }
    }
    for i in 0..<n { z[i] /= d[i] }
    for i in stride(from: n - 1, through: 0, by: -1) {
      if i + 1 < n { z[i] -= l1[i] * z[i + 1] }
      if i + 2 < n { z[i] -= l2[i] * z[i + 2] }
    }
    return z
  }
}
