import CBLAS
import NoetherCore

/// The linear algebra discovery's stages share: quadratic forms of coefficient vectors,
/// Gram matrices by BLAS, and a combination's values at every point. Matrices are
/// row-major; coefficient vectors run over the same terms as the matrices.
enum DiscoveryAlgebra {
  /// λ(c) = cᵀMc / cᵀBc: how much Θ·c changes along the data against what the noise gives.
  static func rayleigh(_ c: [Double], _ m: [Double], _ b: [Double]) -> Double {
    let all = Array(c.indices)
    return quadraticForm(c, m, over: all) / quadraticForm(c, b, over: all)
  }

  /// cᵀ X c over the terms in `support` (X row-major, c.count²).
  static func quadraticForm(_ c: [Double], _ x: [Double], over support: [Int]) -> Double {
    let p = c.count
    var sum = 0.0
    for i in support { for j in support { sum += c[i] * x[i * p + j] * c[j] } }
    return sum
  }

  /// The states at `range`.
  static func rows(_ states: StateBatch, _ range: Range<Int>) -> StateBatch {
    let n = states.dimension
    return StateBatch(
      count: range.count, dimension: n,
      values: Array(states.values[(range.lowerBound * n)..<(range.upperBound * n)]))
  }

  /// into += AᵀA (BLAS `dsyrk` on the upper triangle, then mirrored).
  static func accumulateGram(_ a: [Double], rows: Int, columns p: Int, into out: inout [Double]) {
    let part = gram(a, rows: rows, columns: p)
    for k in out.indices { out[k] += part[k] }
  }

  /// AᵀA for a row-major rows × columns matrix (BLAS `dsyrk`, filled symmetric).
  static func gram(_ a: [Double], rows: Int, columns p: Int) -> [Double] {
    var out = [Double](repeating: 0, count: p * p)
    cblas_dsyrk(
      CblasRowMajor, CblasUpper, CblasTrans, Int32(p), Int32(rows), 1, a, Int32(p), 0, &out, Int32(p))
    for i in 0..<p { for j in 0..<i { out[i * p + j] = out[j * p + i] } }
    return out
  }

  /// Θ·c at every point (Θ row-major [points, p]).
  static func values(of c: [Double], theta: [Double], terms p: Int) -> [Double] {
    (0..<(theta.count / p)).map { i in
      var v = 0.0
      for j in 0..<p where c[j] != 0 { v += c[j] * theta[i * p + j] }
      return v
    }
  }
}
