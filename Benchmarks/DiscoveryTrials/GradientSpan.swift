import NoetherCore

/// Whether a function is a function of given laws, judged by gradients: F is a function
/// of I₁ … I_k exactly where ∇F(x) lies in span{∇I₁(x), …, ∇I_k(x)} at every x. The
/// share explained is 1 − Σᵢ |rᵢ|² / Σᵢ |∇F(xᵢ)|², rᵢ the part of ∇F(xᵢ) outside the
/// span (Gram–Schmidt, dropping directions below 1e-10 of the largest).
public enum GradientSpan {
  /// - Parameters:
  ///   - gradient: ∇F at each state, row-major [count, n].
  ///   - laws: per law, its gradients at the same states ([count, n] each).
  ///   - dimension: n.
  /// - Returns: the share of ∇F the laws' gradients explain, in [0, 1] (1 for ∇F = 0).
  public static func explainedShare(_ gradient: [Double], by laws: [[Double]], dimension n: Int) -> Double {
    let count = gradient.count / max(n, 1)
    var (outside, total) = (0.0, 0.0)
    for i in 0..<count {
      var basis = [[Double]]()
      let largest = laws.map { law in norm(Array(law[(i * n)..<((i + 1) * n)])) }.max() ?? 0
      for law in laws {
        var v = Array(law[(i * n)..<((i + 1) * n)])
        for b in basis {
          let c = zip(v, b).reduce(0) { $0 + $1.0 * $1.1 }
          for d in 0..<n { v[d] -= c * b[d] }
        }
        let length = norm(v)
        if length > 1e-10 * largest { basis.append(v.map { $0 / length }) }
      }
      var r = Array(gradient[(i * n)..<((i + 1) * n)])
      total += r.reduce(0) { $0 + $1 * $1 }
      for b in basis {
        let c = zip(r, b).reduce(0) { $0 + $1.0 * $1.1 }
        for d in 0..<n { r[d] -= c * b[d] }
      }
      outside += r.reduce(0) { $0 + $1 * $1 }
    }
    return total > 0 ? 1 - outside / total : 1
  }

  static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
