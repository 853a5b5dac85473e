import CKernels
import NoetherCore
import _Differentiation

/// Activation functions and their derivatives as differentiable operations, so that
/// input-derivatives of networks (which need σ' and σ'') can themselves be
/// differentiated with respect to the parameters.
extension Matrix {
  /// tanh of every element, through libmvec's vector tanh.
  @differentiable(reverse)
  public func tanh() -> Matrix {
    Matrix(rows: rows, columns: columns) { out in
      scalars.withUnsafeBufferPointer { noether_tanh($0.baseAddress, out.baseAddress, $0.count) }
    }
  }

  @derivative(of: tanh)
  @usableFromInline
  func _vjpTanh() -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    let y = tanh()
    return (y, { v in v.isSymbolicZero ? .zero : Matrix.elementwise(v, y, "tanh") { $0 * (1 - $1 * $1) } })
  }

  /// tanh′(x) = 1 − tanh²(x) of every element.
  @differentiable(reverse)
  public func tanhDerivative() -> Matrix {
    tanh().map { 1 - $0 * $0 }
  }

  @derivative(of: tanhDerivative)
  @usableFromInline
  func _vjpTanhDerivative() -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    let y = tanh()
    let d1 = y.map { 1 - $0 * $0 }
    return (
      d1,
      { v in
        // d/dx (1 − y²) = −2y(1 − y²)
        v.isSymbolicZero
          ? .zero
          : Matrix(rows: v.rows, columns: v.columns) { out in
            for i in 0..<out.count { out[i] = -2 * y.scalars[i] * d1.scalars[i] * v.scalars[i] }
          }
      }
    )
  }

  /// tanh″(x) = −2 tanh(x)(1 − tanh²(x)) of every element.
  @differentiable(reverse)
  public func tanhSecondDerivative() -> Matrix {
    tanh().map { -2 * $0 * (1 - $0 * $0) }
  }

  @derivative(of: tanhSecondDerivative)
  @usableFromInline
  func _vjpTanhSecondDerivative() -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    let y = tanh()
    return (
      y.map { -2 * $0 * (1 - $0 * $0) },
      { v in
        // d/dx [−2y(1 − y²)] = (1 − y²)(6y² − 2)
        v.isSymbolicZero
          ? .zero
          : Matrix(rows: v.rows, columns: v.columns) { out in
            for i in 0..<out.count {
              let t = y.scalars[i]
              out[i] = (1 - t * t) * (6 * t * t - 2) * v.scalars[i]
            }
          }
      }
    )
  }

  /// max(0, x) of every element.
  @differentiable(reverse)
  public func relu() -> Matrix {
    map { max(0, $0) }
  }

  @derivative(of: relu)
  @usableFromInline
  func _vjpRelu() -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    (relu(), { v in v.isSymbolicZero ? .zero : Matrix.elementwise(v, self, "relu") { $1 > 0 ? $0 : 0 } })
  }

  /// The step function 1[x > 0], ReLU's derivative; its own derivative is zero
  /// almost everywhere.
  @differentiable(reverse)
  public func reluDerivative() -> Matrix {
    map { $0 > 0 ? 1 : 0 }
  }

  @derivative(of: reluDerivative)
  @usableFromInline
  func _vjpReluDerivative() -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    (reluDerivative(), { _ in .zero })
  }
}
