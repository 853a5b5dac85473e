import CBLAS
import _Differentiation

/// Matrix products through OpenBLAS `cblas_dgemm`, with transposes taken by the BLAS
/// call rather than by copying.

/// C = op(A)·op(B) with op the identity or the transpose.
@usableFromInline
func gemm(_ a: Matrix, transposeA: Bool, _ b: Matrix, transposeB: Bool) -> Matrix {
  let m = transposeA ? a.columns : a.rows
  let k = transposeA ? a.rows : a.columns
  let kb = transposeB ? b.columns : b.rows
  let n = transposeB ? b.rows : b.columns
  precondition(k == kb, "matmul: inner dimensions \(k) and \(kb) differ")
  return Matrix(rows: m, columns: n) { c in
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      c.initialize(repeating: 0)
      return
    }
    a.scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        cblas_dgemm(
          CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
          transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
          pa.baseAddress, Int32(a.columns), pb.baseAddress, Int32(b.columns), 0, c.baseAddress,
          Int32(n))
      }
    }
  }
}

/// A·B.
@differentiable(reverse)
public func matmul(_ a: Matrix, _ b: Matrix) -> Matrix {
  gemm(a, transposeA: false, b, transposeB: false)
}

@derivative(of: matmul(_:_:))
@usableFromInline
func _vjpMatmul(_ a: Matrix, _ b: Matrix) -> (
  value: Matrix, pullback: (Matrix) -> (Matrix, Matrix)
) {
  (
    matmul(a, b),
    { v in
      guard !v.isSymbolicZero else { return (.zero, .zero) }
      // d/dA = V·Bᵀ, d/dB = Aᵀ·V
      return (
        gemm(v, transposeA: false, b, transposeB: true),
        gemm(a, transposeA: true, v, transposeB: false)
      )
    }
  )
}

/// A·Bᵀ.
@differentiable(reverse)
public func matmul(_ a: Matrix, transposed b: Matrix) -> Matrix {
  gemm(a, transposeA: false, b, transposeB: true)
}

@derivative(of: matmul(_:transposed:))
@usableFromInline
func _vjpMatmulTransposedB(_ a: Matrix, _ b: Matrix) -> (
  value: Matrix, pullback: (Matrix) -> (Matrix, Matrix)
) {
  (
    matmul(a, transposed: b),
    { v in
      guard !v.isSymbolicZero else { return (.zero, .zero) }
      // C = A·Bᵀ: d/dA = V·B, d/dB = Vᵀ·A
      return (
        gemm(v, transposeA: false, b, transposeB: false),
        gemm(v, transposeA: true, a, transposeB: false)
      )
    }
  )
}

/// Aᵀ·B.
@differentiable(reverse)
public func matmul(transposed a: Matrix, _ b: Matrix) -> Matrix {
  gemm(a, transposeA: true, b, transposeB: false)
}

@derivative(of: matmul(transposed:_:))
@usableFromInline
func _vjpMatmulTransposedA(_ a: Matrix, _ b: Matrix) -> (
  value: Matrix, pullback: (Matrix) -> (Matrix, Matrix)
) {
  (
    matmul(transposed: a, b),
    { v in
      guard !v.isSymbolicZero else { return (.zero, .zero) }
      // C = Aᵀ·B: d/dA = B·Vᵀ, d/dB = A·V
      return (
        gemm(b, transposeA: false, v, transposeB: true),
        gemm(a, transposeA: false, v, transposeB: false)
      )
    }
  )
}
