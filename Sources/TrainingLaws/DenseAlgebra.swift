import CLAPACKE

/// The dense linear algebra the enumeration needs, through LAPACK.
enum DenseAlgebra {
  /// Singular values, descending, of an m × n row-major matrix (`dgesvd`); empty for an
  /// empty matrix.
  static func singularValues(_ matrix: [Double], rows m: Int, columns n: Int) -> [Double] {
    guard m > 0, n > 0 else { return [] }
    return decomposition(matrix, rows: m, columns: n, wantVectors: false).values
  }

  /// An orthonormal basis (rows) of the null space of an m × n row-major matrix: the right
  /// singular vectors whose singular values are at most `tolerance` × the largest (and
  /// those beyond the m-th when m < n). Also the singular values, descending.
  static func nullSpace(_ matrix: [Double], rows m: Int, columns n: Int, tolerance: Double) -> (
    basis: [[Double]], values: [Double]
  ) {
    guard m > 0 else {
      return ((0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }, [])
    }
    let (values, vt) = decomposition(matrix, rows: m, columns: n, wantVectors: true)
    let largest = values.first ?? 0
    let rank = values.filter { $0 > tolerance * largest }.count
    return ((rank..<n).map { Array(vt[($0 * n)..<(($0 + 1) * n)]) }, values)
  }

  /// `dgesvd` with all of Vᵀ (n × n) when asked.
  private static func decomposition(_ matrix: [Double], rows m: Int, columns n: Int, wantVectors: Bool) -> (
    values: [Double], vt: [Double]
  ) {
    var copy = matrix
    var s = [Double](repeating: 0, count: min(m, n))
    var superb = [Double](repeating: 0, count: max(min(m, n) - 1, 1))
    var u = [Double](repeating: 0, count: 1)
    var vt = [Double](repeating: 0, count: wantVectors ? n * n : 1)
    let jobV = Int8(UInt8(ascii: wantVectors ? "A" : "N"))
    let info = LAPACKE_dgesvd(
      LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), jobV, Int32(m), Int32(n), &copy, Int32(n), &s, &u, 1, &vt,
      Int32(wantVectors ? n : 1), &superb)
    // dgesvd fails only on NaN input (info < 0) or non-convergence, which finite data of
    // these sizes do not reach; report it as no singular values rather than trapping.
    return info == 0 ? (s, vt) : ([], [])
  }
}

extension DenseAlgebra {
  /// Eigenvalues ascending and eigenvectors (rows) of a symmetric p × p row-major matrix
  /// (`dsyev`); empty on failure.
  static func symmetricEigen(_ matrix: [Double], size p: Int) -> (values: [Double], vectors: [[Double]]) {
    guard p > 0 else { return ([], []) }
    var a = matrix
    var w = [Double](repeating: 0, count: p)
    let info = LAPACKE_dsyev(
      LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(p), &a, Int32(p), &w)
    guard info == 0 else { return ([], []) }
    // Row-major: eigenvector k is column k of the result.
    return (w, (0..<p).map { k in (0..<p).map { a[$0 * p + k] } })
  }

  /// Reduced row echelon form of `rows` (each of the same length), pivoting on the
  /// largest entry of each column in turn; entries below `tolerance` count as zero.
  static func reducedEchelon(_ rows: [[Double]], tolerance: Double = 1e-9) -> [[Double]] {
    var rows = rows
    var pivotRow = 0
    let width = rows.first?.count ?? 0
    for column in 0..<width where pivotRow < rows.count {
      guard
        let best = (pivotRow..<rows.count).max(by: { abs(rows[$0][column]) < abs(rows[$1][column]) }),
        abs(rows[best][column]) > tolerance
      else { continue }
      rows.swapAt(pivotRow, best)
      let pivot = rows[pivotRow][column]
      rows[pivotRow] = rows[pivotRow].map { $0 / pivot }
      for r in rows.indices where r != pivotRow {
        let factor = rows[r][column]
        if factor != 0 { rows[r] = zip(rows[r], rows[pivotRow]).map { $0 - factor * $1 } }
      }
      pivotRow += 1
    }
    return rows.map { $0.map { abs($0) < tolerance ? 0 : $0 } }
  }
}
