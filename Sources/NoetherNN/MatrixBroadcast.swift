import CKernels
import _Differentiation

/// Row and column broadcasts with registered derivatives.
extension Matrix {
  /// Adds the 1×n `row` to every row.
  @differentiable(reverse)
  public func addingRow(_ row: Matrix) -> Matrix {
    precondition(
      row.rows == 1 && row.columns == columns, "addingRow: need 1×\(columns), got \(row.rows)×\(row.columns)")
    return Matrix(rows: rows, columns: columns) { out in
      scalars.withUnsafeBufferPointer { a in
        row.scalars.withUnsafeBufferPointer { r in
          noether_add_row(a.baseAddress, rows, columns, r.baseAddress, out.baseAddress)
        }
      }
    }
  }

  @derivative(of: addingRow)
  @usableFromInline
  func _vjpAddingRow(_ row: Matrix) -> (value: Matrix, pullback: (Matrix) -> (Matrix, Matrix)) {
    (addingRow(row), { v in v.isSymbolicZero ? (.zero, .zero) : (v, v.columnSums()) })
  }

  /// Multiplies every row elementwise by the 1×n `row`.
  @differentiable(reverse)
  public func multiplyingRows(by row: Matrix) -> Matrix {
    precondition(row.rows == 1 && row.columns == columns, "multiplyingRows: need 1×\(columns)")
    return Matrix(rows: rows, columns: columns) { out in
      scalars.withUnsafeBufferPointer { a in
        row.scalars.withUnsafeBufferPointer { r in
          for i in 0..<rows { for j in 0..<columns { out[i * columns + j] = a[i * columns + j] * r[j] } }
        }
      }
    }
  }

  @derivative(of: multiplyingRows)
  @usableFromInline
  func _vjpMultiplyingRows(_ row: Matrix) -> (value: Matrix, pullback: (Matrix) -> (Matrix, Matrix)) {
    (
      multiplyingRows(by: row),
      { v in v.isSymbolicZero ? (.zero, .zero) : (v.multiplyingRows(by: row), (v * self).columnSums()) }
    )
  }

  /// Adds the m×1 `column` to every column.
  @differentiable(reverse)
  public func addingColumn(_ column: Matrix) -> Matrix {
    precondition(column.columns == 1 && column.rows == rows, "addingColumn: need \(rows)×1")
    return Matrix(rows: rows, columns: columns) { out in
      for i in 0..<rows {
        for j in 0..<columns { out[i * columns + j] = scalars[i * columns + j] + column.scalars[i] }
      }
    }
  }

  @derivative(of: addingColumn)
  @usableFromInline
  func _vjpAddingColumn(_ column: Matrix) -> (value: Matrix, pullback: (Matrix) -> (Matrix, Matrix)) {
    (addingColumn(column), { v in v.isSymbolicZero ? (.zero, .zero) : (v, v.rowSums()) })
  }

  /// Multiplies every column elementwise by the m×1 `column` (row i scaled by column[i]).
  @differentiable(reverse)
  public func multiplyingColumns(by column: Matrix) -> Matrix {
    precondition(column.columns == 1 && column.rows == rows, "multiplyingColumns: need \(rows)×1")
    return Matrix(rows: rows, columns: columns) { out in
      for i in 0..<rows {
        let c = column.scalars[i]
        for j in 0..<columns { out[i * columns + j] = scalars[i * columns + j] * c }
      }
    }
  }

  @derivative(of: multiplyingColumns)
  @usableFromInline
  func _vjpMultiplyingColumns(_ column: Matrix) -> (value: Matrix, pullback: (Matrix) -> (Matrix, Matrix)) {
    (
      multiplyingColumns(by: column),
      { v in v.isSymbolicZero ? (.zero, .zero) : (v.multiplyingColumns(by: column), (v * self).rowSums()) }
    )
  }

  /// The 1×n `self` repeated as `count` rows.
  @differentiable(reverse)
  public func repeatingRows(_ count: Int) -> Matrix {
    precondition(rows == 1, "repeatingRows: need a single row")
    return Matrix(rows: count, columns: columns) { out in
      for i in 0..<count { for j in 0..<columns { out[i * columns + j] = scalars[j] } }
    }
  }

  @derivative(of: repeatingRows)
  @usableFromInline
  func _vjpRepeatingRows(_ count: Int) -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    (repeatingRows(count), { v in v.isSymbolicZero ? .zero : v.columnSums() })
  }
}
