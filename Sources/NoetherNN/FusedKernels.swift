import CKernels
import NoetherCore

/// The loops of the fused input-gradient primitive, each one pass over memory with
/// no temporaries; the arithmetic is in CKernels (compiled for AVX-512, AVX2 and
/// baseline x86-64, chosen at load time). Small inner dimensions (≤ 8, the first
/// layer of a low-dimensional system) use plain loops, where BLAS's packing would
/// cost more than the arithmetic; larger ones use BLAS.
enum FusedKernels {
  static let smallDimension = 8

  /// x·W + b.
  static func affine(_ x: Matrix, _ w: Matrix, _ b: Matrix?) -> Matrix {
    let (n, k, m) = (x.rows, x.columns, w.columns)
    guard k <= smallDimension else {
      let product = gemm(x, transposeA: false, w, transposeB: false)
      return b.map { product.addingRow($0) } ?? product
    }
    return Matrix(rows: n, columns: m) { out in
      x.scalars.withUnsafeBufferPointer { xp in
        w.scalars.withUnsafeBufferPointer { wp in
          if let b {
            b.scalars.withUnsafeBufferPointer { bp in
              noether_affine(xp.baseAddress, n, k, wp.baseAddress, m, bp.baseAddress, out.baseAddress)
            }
          } else {
            noether_affine(xp.baseAddress, n, k, wp.baseAddress, m, nil, out.baseAddress)
          }
        }
      }
    }
  }

  /// u·Wᵀ.
  static func timesTransposed(_ u: Matrix, _ w: Matrix) -> Matrix {
    let (n, m, k) = (u.rows, u.columns, w.rows)
    guard k <= smallDimension else { return gemm(u, transposeA: false, w, transposeB: true) }
    return Matrix(rows: n, columns: k) { out in
      u.scalars.withUnsafeBufferPointer { up in
        w.scalars.withUnsafeBufferPointer { wp in
          noether_times_transposed(up.baseAddress, n, m, wp.baseAddress, k, out.baseAddress)
        }
      }
    }
  }

  /// aᵀ·b.
  static func transposedTimes(_ a: Matrix, _ b: Matrix) -> Matrix {
    let (n, k, m) = (a.rows, a.columns, b.columns)
    guard k <= smallDimension else { return gemm(a, transposeA: true, b, transposeB: false) }
    return Matrix(rows: k, columns: m) { out in
      a.scalars.withUnsafeBufferPointer { ap in
        b.scalars.withUnsafeBufferPointer { bp in
          noether_transposed_times(ap.baseAddress, n, k, bp.baseAddress, m, out.baseAddress)
        }
      }
    }
  }

  /// (σ(z), σ′(z)).
  static func activate(_ z: Matrix, _ activation: Activation) -> (a: Matrix, d1: Matrix) {
    switch activation {
    case .tanh:
      var d1 = Matrix(rows: z.rows, columns: z.columns) { _ in }
      let a = Matrix(rows: z.rows, columns: z.columns) { out in
        z.scalars.withUnsafeBufferPointer { zp in
          d1.scalars.withUnsafeMutableBufferPointer { dp in
            noether_tanh_with_derivative(zp.baseAddress, out.baseAddress, dp.baseAddress, zp.count)
          }
        }
      }
      return (a, d1)
    case .relu:
      return (z.relu(), z.reluDerivative())
    }
  }

  /// x ⊙ d with x full (n×m), or the 1×m `row` broadcast over the rows of d.
  static func multiply(_ x: Matrix?, row: Matrix?, _ d: Matrix) -> Matrix {
    let (n, m) = (d.rows, d.columns)
    return Matrix(rows: n, columns: m) { out in
      d.scalars.withUnsafeBufferPointer { dp in
        if let row {
          row.scalars.withUnsafeBufferPointer { rp in
            noether_multiply_row(dp.baseAddress, n, m, rp.baseAddress, out.baseAddress)
          }
        } else {
          x!.scalars.withUnsafeBufferPointer { xp in
            noether_multiply(xp.baseAddress, dp.baseAddress, out.baseAddress, n * m)
          }
        }
      }
    }
  }

  /// Column sums as a 1×m row.
  static func columnSums(_ x: Matrix) -> Matrix {
    Matrix(rows: 1, columns: x.columns) { out in
      x.scalars.withUnsafeBufferPointer {
        noether_column_sums($0.baseAddress, x.rows, x.columns, out.baseAddress)
      }
    }
  }

  /// For tanh: (ū ⊙ σ′, −2 ū ⊙ v ⊙ σ ⊙ σ′) = (ū ⊙ σ′, ū ⊙ v ⊙ σ″), v full or a broadcast row.
  static func tanhSplitCotangent(_ uBar: Matrix, d1: Matrix, a: Matrix, v: Matrix, vIsRow: Bool)
    -> (Matrix, Matrix)
  {
    let (n, m) = (uBar.rows, uBar.columns)
    var zBar = Matrix(rows: n, columns: m) { _ in }
    let next = Matrix(rows: n, columns: m) { out in
      uBar.scalars.withUnsafeBufferPointer { up in
        d1.scalars.withUnsafeBufferPointer { dp in
          a.scalars.withUnsafeBufferPointer { ap in
            v.scalars.withUnsafeBufferPointer { vp in
              zBar.scalars.withUnsafeMutableBufferPointer { zp in
                noether_tanh_split_cotangent(
                  up.baseAddress, dp.baseAddress, ap.baseAddress, vp.baseAddress, vIsRow ? 1 : 0, n, m,
                  out.baseAddress, zp.baseAddress)
              }
            }
          }
        }
      }
    }
    return (next, zBar)
  }
}
