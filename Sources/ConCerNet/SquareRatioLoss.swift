import NoetherNN
import _Differentiation

/// The Square Ratio Loss (ConCerNet, Wang et al. 2023, Eq. 2), as the reference
/// implementation computes it on a batch of whole trajectories.
///
/// Rows of `self` are embeddings gᵢ ∈ Rᵐ; consecutive groups of `trajectoryLength`
/// rows belong to one trajectory. With dᵢⱼ = ‖gᵢ − gⱼ‖², positives P(i) the other
/// points of i's trajectory and Dᵢ = Σ_{k≠i} dᵢₖ (+1e-12, so that a collapsed embedding
/// gives 0 rather than 0/0):
///
///   L = (1/M) Σᵢ Σ_{j∈P(i)} dᵢⱼ / Dᵢ,  M = Σᵢ |P(i)|.
///
/// Its gradient is ∂L/∂g_a = 2 Σⱼ (c_aj + c_ja)(g_a − gⱼ) with
/// cᵢⱼ = (1/M)(1[j∈P(i)]/Dᵢ − Sᵢ/Dᵢ²), Sᵢ = Σ_{j∈P(i)} dᵢⱼ (registered below).
extension Matrix {
  @differentiable(reverse,wrt: self)
  public func squareRatioLoss(trajectoryLength: Int) -> Double {
    SquareRatioTerms(self, trajectoryLength).loss
  }

  @derivative(of: squareRatioLoss, wrt: self)
  @usableFromInline
  func _vjpSquareRatioLoss(trajectoryLength: Int) -> (value: Double, pullback: (Double) -> Matrix) {
    let terms = SquareRatioTerms(self, trajectoryLength)
    return (terms.loss, { v in terms.gradient(scale: v) })
  }
}

/// Pairwise distances and per-anchor sums of the Square Ratio Loss.
struct SquareRatioTerms {
  let embeddings: Matrix
  let length: Int
  /// dᵢⱼ, N×N row-major.
  var distances: [Double]
  /// Sᵢ (positives) and Dᵢ (all others, +1e-12).
  var positiveSums: [Double]
  var totals: [Double]
  var pairCount: Double
  var loss: Double

  init(_ e: Matrix, _ length: Int) {
    precondition(
      length >= 2 && e.rows % length == 0,
      "squareRatioLoss: rows must be whole trajectories of \(length) points")
    embeddings = e
    self.length = length
    let (n, m) = (e.rows, e.columns)
    var pairwise = [Double](repeating: 0, count: n * n)
    e.scalars.withUnsafeBufferPointer { g in
      pairwise.withUnsafeMutableBufferPointer { d in
        for i in 0..<n {
          for j in (i + 1)..<max(n, i + 1) {
            var s = 0.0
            for c in 0..<m {
              let diff = g[i * m + c] - g[j * m + c]
              s += diff * diff
            }
            d[i * n + j] = s
            d[j * n + i] = s
          }
        }
      }
    }
    distances = pairwise
    positiveSums = [Double](repeating: 0, count: n)
    totals = [Double](repeating: 1e-12, count: n)
    for i in 0..<n {
      let group = i / length
      var total = 0.0
      var positive = 0.0
      for j in 0..<n where j != i {
        let d = distances[i * n + j]
        total += d
        if j / length == group { positive += d }
      }
      totals[i] += total
      positiveSums[i] = positive
    }
    pairCount = Double(n * (length - 1))
    var l = 0.0
    for i in 0..<n { l += positiveSums[i] / totals[i] }
    loss = l / pairCount
  }

  /// ∂L/∂g times `scale`.
  func gradient(scale: Double) -> Matrix {
    let (n, m) = (embeddings.rows, embeddings.columns)
    // Symmetrised weights C = c + cᵀ, accumulated as ∂L/∂g_a = 2 Σⱼ C_aj (g_a − gⱼ).
    var weights = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      let inverse = 1 / (pairCount * totals[i])
      let shared = positiveSums[i] / (pairCount * totals[i] * totals[i])
      let group = i / length
      for j in 0..<n where j != i {
        let c = (j / length == group ? inverse : 0) - shared
        weights[i * n + j] += c
        weights[j * n + i] += c
      }
    }
    var out = Matrix(rows: n, columns: m)
    for a in 0..<n {
      for j in 0..<n where j != a {
        let w = 2 * scale * weights[a * n + j]
        for c in 0..<m {
          out.scalars[a * m + c] += w * (embeddings.scalars[a * m + c] - embeddings.scalars[j * m + c])
        }
      }
    }
    return out
  }
}
