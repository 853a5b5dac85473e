import NoetherNN
import _Differentiation

/// How far the rows of a gradient matrix G (N × n) point along fixed unit directions
/// U (N × n, rows of length 1 or 0): the mean squared cosine
///
///   A(G) = (1/N) Σᵢ (gᵢ·uᵢ)² / (‖gᵢ‖² + ε),  ε = 1e-12,
///
/// which is 0 when every gᵢ is orthogonal to its uᵢ and 1 when every one is parallel.
/// It does not change when a row of G is scaled, so it suits invariants known only up
/// to a transform (the Square Ratio Loss is scale-free too). Its gradient, with
/// aᵢ = gᵢ·uᵢ and bᵢ = ‖gᵢ‖² + ε, is ∂A/∂gᵢ = (2/N)(aᵢ uᵢ / bᵢ − aᵢ² gᵢ / bᵢ²).
extension Matrix {
  @differentiable(reverse,wrt: self)
  public func meanSquaredCosine(to directions: Matrix) -> Double {
    GradientAlignmentTerms(self, directions).value
  }

  @derivative(of: meanSquaredCosine, wrt: self)
  @usableFromInline
  func _vjpMeanSquaredCosine(to directions: Matrix) -> (value: Double, pullback: (Double) -> Matrix) {
    let terms = GradientAlignmentTerms(self, directions)
    return (terms.value, { v in terms.gradient(scale: v) })
  }
}

/// The per-row dot products and squared norms of `meanSquaredCosine`, kept for its pullback.
struct GradientAlignmentTerms {
  let gradients: Matrix
  let directions: Matrix
  /// aᵢ = gᵢ·uᵢ and bᵢ = ‖gᵢ‖² + ε.
  var dots: [Double]
  var squaredNorms: [Double]
  var value: Double

  init(_ g: Matrix, _ u: Matrix) {
    precondition(
      g.rows == u.rows && g.columns == u.columns,
      "meanSquaredCosine: gradients \(g.rows)×\(g.columns) and directions \(u.rows)×\(u.columns) differ")
    gradients = g
    directions = u
    let n = g.columns
    dots = [Double](repeating: 0, count: g.rows)
    squaredNorms = [Double](repeating: 1e-12, count: g.rows)
    var total = 0.0
    for i in 0..<g.rows {
      for j in 0..<n {
        dots[i] += g.scalars[i * n + j] * u.scalars[i * n + j]
        squaredNorms[i] += g.scalars[i * n + j] * g.scalars[i * n + j]
      }
      total += dots[i] * dots[i] / squaredNorms[i]
    }
    value = g.rows > 0 ? total / Double(g.rows) : 0
  }

  func gradient(scale: Double) -> Matrix {
    let (rows, n) = (gradients.rows, gradients.columns)
    var out = Matrix(rows: rows, columns: n)
    guard rows > 0 else { return out }
    let factor = 2 * scale / Double(rows)
    for i in 0..<rows {
      let (a, b) = (dots[i], squaredNorms[i])
      for j in 0..<n {
        out.scalars[i * n + j] =
          factor * (a * directions.scalars[i * n + j] / b - a * a * gradients.scalars[i * n + j] / (b * b))
      }
    }
    return out
  }
}
