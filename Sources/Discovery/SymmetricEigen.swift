import CLAPACKE
import NoetherCore

/// Eigenvalues and eigenvectors of symmetric problems through LAPACK.
enum SymmetricEigen {
  /// A c = λ B c with A symmetric and B symmetric positive definite (`dsygv`), both p × p
  /// row-major: eigenvalues ascending, eigenvectors as columns of a p × p row-major
  /// matrix, normalised so that cᵀ B c = 1.
  /// - Throws: `NoetherError.invalidParameter` when B is not positive definite.
  static func generalized(_ a: [Double], _ b: [Double], size p: Int) throws -> (
    values: [Double], vectors: [Double]
  ) {
    var a = a
    var b = b
    var w = [Double](repeating: 0, count: p)
    let info = LAPACKE_dsygv(
      LAPACK_ROW_MAJOR, 1, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(p), &a, Int32(p), &b,
      Int32(p), &w)
    guard info == 0 else {
      throw NoetherError.invalidParameter(
        name: "discovery", value: "LAPACK dsygv info \(info)",
        requirement:
          "needs library terms that vary along the data (a term that is constant or a copy of another makes the noise covariance singular)"
      )
    }
    return (w, a)
  }

  /// Whether a symmetric p × p row-major matrix is positive definite (its Cholesky
  /// factorisation, `dpotrf`, succeeds).
  static func isPositiveDefinite(_ a: [Double], size p: Int) -> Bool {
    var copy = a
    return LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int32(p), &copy, Int32(p)) == 0
  }

  /// Singular values of an m × n row-major matrix, descending (`dgesvd`, no vectors).
  static func singularValues(_ matrix: [Double], rows m: Int, columns n: Int) -> [Double] {
    var copy = matrix
    var s = [Double](repeating: 0, count: min(m, n))
    var superb = [Double](repeating: 0, count: max(min(m, n) - 1, 1))
    var u = [Double](repeating: 0, count: 1)
    var vt = [Double](repeating: 0, count: 1)
    let info = LAPACKE_dgesvd(
      LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), Int8(UInt8(ascii: "N")), Int32(m), Int32(n), &copy, Int32(n),
      &s,
      &u, 1, &vt, 1, &superb)
    return info == 0 ? s : []
  }
}
