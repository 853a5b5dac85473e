import NoetherCore
import NoetherNN
import _Differentiation

extension MLP {
  /// For gradients ∇Hₖ of m functions of this network's outputs, laid out
  /// [count, m, outputs], their gradients through the network, J(x)ᵀ ∇Hₖ, laid out
  /// [count, m, inputs] (one reverse pass per function; the chain rule of
  /// ``EncodedInvariant`` and ``DecodedInvariant``).
  func pullingBack(_ gradients: [Double], functions m: Int, at x: Matrix) -> [Double] {
    let (y, pullback) = valueWithPullback(at: x) { x in self(x) }
    let (k, n) = (y.columns, x.columns)
    var out = [Double](repeating: 0, count: x.rows * m * n)
    for j in 0..<m {
      var direction = Matrix(rows: y.rows, columns: k)
      for i in 0..<y.rows { for c in 0..<k { direction.scalars[i * k + c] = gradients[(i * m + j) * k + c] } }
      let g = pullback(direction)
      for i in 0..<x.rows { for c in 0..<n { out[(i * m + j) * n + c] = g.scalars[i * n + c] } }
    }
    return out
  }
}
