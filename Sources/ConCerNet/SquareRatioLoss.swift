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

/// Per-anchor sums of the Square Ratio Loss in O(N·m), without forming the N×N
/// distances: for any points b₁ … b_L with mean μ,
/// Σⱼ ‖a − bⱼ‖² = L‖a − μ‖² + Σⱼ ‖bⱼ − μ‖², so with centred values
/// Dᵢ = N‖gᵢ − ḡ‖² + Σₖ‖gₖ − ḡ‖² (the k = i term is zero) and Sᵢ likewise over i's
/// trajectory with its own mean. The gradient uses the same grouping:
/// Σⱼ (s_a + sⱼ)(g_a − gⱼ) = s_a(N g_a − Σgⱼ) + (Σsⱼ) g_a − Σ sⱼgⱼ, on centred values.
struct SquareRatioTerms {
  let embeddings: Matrix
  let length: Int
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
    let g = e.scalars
    let globalMean = Self.mean(g, rows: 0..<n, m)
    var globalSpread = 0.0
    for i in 0..<n {
      for c in 0..<m { globalSpread += (g[i * m + c] - globalMean[c]) * (g[i * m + c] - globalMean[c]) }
    }
    totals = [Double](repeating: 0, count: n)
    positiveSums = [Double](repeating: 0, count: n)
    for start in stride(from: 0, to: n, by: length) {
      let rows = start..<(start + length)
      let groupMean = Self.mean(g, rows: rows, m)
      var groupSpread = 0.0
      for i in rows {
        for c in 0..<m { groupSpread += (g[i * m + c] - groupMean[c]) * (g[i * m + c] - groupMean[c]) }
      }
      for i in rows {
        var toGlobal = 0.0
        var toGroup = 0.0
        for c in 0..<m {
          toGlobal += (g[i * m + c] - globalMean[c]) * (g[i * m + c] - globalMean[c])
          toGroup += (g[i * m + c] - groupMean[c]) * (g[i * m + c] - groupMean[c])
        }
        totals[i] = Double(n) * toGlobal + globalSpread + 1e-12
        positiveSums[i] = Double(length) * toGroup + groupSpread
      }
    }
    pairCount = Double(n * (length - 1))
    var l = 0.0
    for i in 0..<n { l += positiveSums[i] / totals[i] }
    loss = l / pairCount
  }

  static func mean(_ g: [Double], rows: Range<Int>, _ m: Int) -> [Double] {
    var mu = [Double](repeating: 0, count: m)
    for i in rows { for c in 0..<m { mu[c] += g[i * m + c] } }
    return mu.map { $0 / Double(rows.count) }
  }

  /// ∂L/∂g times `scale`: 2 Σⱼ C_aj (g_a − gⱼ) with C_aj = (ι_a + ιⱼ)·1[same trajectory]
  /// − (s_a + sⱼ), ιᵢ = 1/(M·Dᵢ), sᵢ = Sᵢ/(M·Dᵢ²).
  func gradient(scale: Double) -> Matrix {
    let (n, m) = (embeddings.rows, embeddings.columns)
    let g = embeddings.scalars
    let inverse = (0..<n).map { 1 / (pairCount * totals[$0]) }
    let shared = (0..<n).map { positiveSums[$0] / (pairCount * totals[$0] * totals[$0]) }
    var out = Matrix(rows: n, columns: m)
    // Σⱼ (w_a + wⱼ)(g_a − gⱼ) over `rows`, on values centred at their mean, times `sign`.
    func accumulate(_ w: [Double], rows: Range<Int>, sign: Double) {
      let mu = Self.mean(g, rows: rows, m)
      var sumW = 0.0
      var sumG = [Double](repeating: 0, count: m)  // Σ ĝⱼ (zero up to round-off)
      var sumWG = [Double](repeating: 0, count: m)
      for j in rows {
        sumW += w[j]
        for c in 0..<m {
          let centred = g[j * m + c] - mu[c]
          sumG[c] += centred
          sumWG[c] += w[j] * centred
        }
      }
      let count = Double(rows.count)
      for a in rows {
        for c in 0..<m {
          let centred = g[a * m + c] - mu[c]
          let value = w[a] * (count * centred - sumG[c]) + sumW * centred - sumWG[c]
          out.scalars[a * m + c] += sign * 2 * scale * value
        }
      }
    }
    accumulate(shared, rows: 0..<n, sign: -1)
    for start in stride(from: 0, to: n, by: length) {
      accumulate(inverse, rows: start..<(start + length), sign: 1)
    }
    return out
  }
}
