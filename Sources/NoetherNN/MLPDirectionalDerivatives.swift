import _Differentiation

/// A value with its first and second derivatives along one direction ("jet"):
/// for f and x(s) = x + s·d, `value` = f(x), `tangent` = d/ds f, `second` = d²/ds² f.
public struct Jet: Differentiable, Sendable {
  public var value: Matrix
  public var tangent: Matrix
  public var second: Matrix

  @differentiable(reverse)
  public init(value: Matrix, tangent: Matrix, second: Matrix) {
    self.value = value
    self.tangent = tangent
    self.second = second
  }
}

/// Input-derivatives of a vector MLP written as differentiable matrix code, so that
/// compiler AD can differentiate them with respect to the parameters (for PINN
/// residuals such as u_t − u_yy, and for Jacobian-vector products).
extension MLP {
  /// J(x)·v for each row: the input-Jacobian of the network times the direction v
  /// (forward-mode tangent pushed through the layers: żₗ = ȧₗ₋₁Wₗ, ȧₗ = σ′(zₗ) ⊙ żₗ).
  /// - Parameters:
  ///   - x: N × inputs.
  ///   - direction: N × inputs (or 1 × inputs, the same direction for every row).
  /// - Returns: N × outputs.
  @differentiable(reverse,wrt: self)
  public func jacobianVectorProduct(at x: Matrix, direction: Matrix) -> Matrix {
    jet(at: x, direction: direction, secondOrder: false).tangent
  }

  /// The value, first and second directional derivatives of the network along
  /// `direction` at each row of x: z̈ₗ = äₗ₋₁Wₗ, äₗ = σ″(zₗ) ⊙ żₗ² + σ′(zₗ) ⊙ z̈ₗ.
  /// - Parameters:
  ///   - x: N × inputs.
  ///   - direction: N × inputs, or 1 × inputs for the same direction on every row.
  ///   - secondOrder: also push the second derivative (otherwise `second` is zero).
  @differentiable(reverse,wrt: self)
  public func jet(at x: Matrix, direction: Matrix, secondOrder: Bool = true) -> Jet {
    let n = withoutDerivative(at: x.rows)
    let d = withoutDerivative(at: direction.rows == 1 && n != 1 ? direction.repeatingRows(n) : direction)
    var value = x
    var tangent = d
    var second = Matrix.zero
    var hasSecond = false
    let last = withoutDerivative(at: layers.count) - 1
    for k in 0..<withoutDerivative(at: layers.count) {
      let w = layers[k].weight
      let z = matmul(value, w).addingRow(layers[k].bias)
      let dz = matmul(tangent, w)
      var ddz = Matrix.zero
      if hasSecond { ddz = matmul(second, w) }
      if k < last {
        let s1 = z.activationDerivative(activation)
        value = z.activated(by: activation)
        tangent = s1 * dz
        if secondOrder {
          let s2 = z.activationSecondDerivative(activation)
          second = hasSecond ? s2 * dz.squared() + s1 * ddz : s2 * dz.squared()
          hasSecond = true
        }
      } else {
        value = z
        tangent = dz
        second = ddz
      }
    }
    if !hasSecond || !secondOrder { second = 0 * value }
    return Jet(value: value, tangent: tangent, second: second)
  }
}
