import _Differentiation

/// Elementwise arithmetic with registered derivatives.
extension Matrix {
  @derivative(of: +)
  @usableFromInline
  static func _vjpAdd(_ a: Matrix, _ b: Matrix) -> (
    value: Matrix, pullback: (Matrix) -> (Matrix, Matrix)
  ) {
    (a + b, { v in (v, v) })
  }

  @derivative(of: -)
  @usableFromInline
  static func _vjpSubtract(_ a: Matrix, _ b: Matrix) -> (
    value: Matrix, pullback: (Matrix) -> (Matrix, Matrix)
  ) {
    (a - b, { v in (v, v.isSymbolicZero ? .zero : v.map { -$0 }) })
  }

  /// The elementwise (Hadamard) product.
  @differentiable(reverse)
  public static func * (a: Matrix, b: Matrix) -> Matrix {
    elementwise(a, b, "*") { $0 * $1 }
  }

  @derivative(of: *)
  @usableFromInline
  static func _vjpMultiply(_ a: Matrix, _ b: Matrix) -> (
    value: Matrix, pullback: (Matrix) -> (Matrix, Matrix)
  ) {
    (a * b, { v in v.isSymbolicZero ? (.zero, .zero) : (v * b, v * a) })
  }

  /// Every element times the scalar s.
  @differentiable(reverse)
  public static func * (s: Double, a: Matrix) -> Matrix {
    a.map { s * $0 }
  }

  @derivative(of: *)
  @usableFromInline
  static func _vjpScale(_ s: Double, _ a: Matrix) -> (
    value: Matrix, pullback: (Matrix) -> (Double, Matrix)
  ) {
    (
      s * a,
      { v in
        guard !v.isSymbolicZero else { return (0, .zero) }
        return (v.dot(a), s * v)
      }
    )
  }

  /// The negation.
  @differentiable(reverse)
  public static prefix func - (a: Matrix) -> Matrix {
    a.map { -$0 }
  }

  @derivative(of: -)
  @usableFromInline
  static func _vjpNegate(_ a: Matrix) -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    (-a, { v in v.isSymbolicZero ? .zero : -v })
  }

  /// Every element squared.
  @differentiable(reverse)
  public func squared() -> Matrix {
    map { $0 * $0 }
  }

  @derivative(of: squared)
  @usableFromInline
  func _vjpSquared() -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    (squared(), { v in v.isSymbolicZero ? .zero : Matrix.elementwise(v, self, "squared") { 2 * $0 * $1 } })
  }

  /// Every element plus the scalar s.
  @differentiable(reverse,wrt: self)
  public func adding(_ s: Double) -> Matrix {
    map { $0 + s }
  }

  @derivative(of: adding, wrt: self)
  @usableFromInline
  func _vjpAddingScalar(_ s: Double) -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    (adding(s), { v in v })
  }

  /// Σᵢⱼ aᵢⱼ bᵢⱼ (not differentiable; used by pullbacks).
  public func dot(_ other: Matrix) -> Double {
    precondition(scalars.count == other.scalars.count, "Matrix.dot: sizes differ")
    var total = 0.0
    scalars.withUnsafeBufferPointer { a in
      other.scalars.withUnsafeBufferPointer { b in
        for i in 0..<a.count { total += a[i] * b[i] }
      }
    }
    return total
  }
}
