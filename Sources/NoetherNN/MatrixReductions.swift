import _Differentiation

/// Sums and means with registered derivatives.
extension Matrix {
  /// Σᵢⱼ aᵢⱼ.
  @differentiable(reverse)
  public func sum() -> Double {
    scalars.withUnsafeBufferPointer { s in
      var total = 0.0
      for i in 0..<s.count { total += s[i] }
      return total
    }
  }

  @derivative(of: sum)
  @usableFromInline
  func _vjpSum() -> (value: Double, pullback: (Double) -> Matrix) {
    (sum(), { v in Matrix(rows: rows, columns: columns, repeating: v) })
  }

  /// The mean of all elements.
  @differentiable(reverse)
  public func mean() -> Double {
    sum() / Double(Swift.max(withoutDerivative(at: self).scalars.count, 1))
  }

  /// The m×1 column of row sums.
  @differentiable(reverse)
  public func rowSums() -> Matrix {
    Matrix(rows: rows, columns: 1) { out in
      scalars.withUnsafeBufferPointer { s in
        for i in 0..<rows {
          var total = 0.0
          for j in 0..<columns { total += s[i * columns + j] }
          out[i] = total
        }
      }
    }
  }

  @derivative(of: rowSums)
  @usableFromInline
  func _vjpRowSums() -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    (
      rowSums(),
      { v in
        v.isSymbolicZero
          ? .zero
          : Matrix(rows: rows, columns: columns) { out in
            for i in 0..<rows { for j in 0..<columns { out[i * columns + j] = v.scalars[i] } }
          }
      }
    )
  }

  /// The 1×n row of column sums.
  @differentiable(reverse)
  public func columnSums() -> Matrix {
    FusedKernels.columnSums(self)  // row by row, as Σᵢ in order: the same bits as a loop
  }

  @derivative(of: columnSums)
  @usableFromInline
  func _vjpColumnSums() -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    (columnSums(), { v in v.isSymbolicZero ? .zero : v.repeatingRows(rows) })
  }
}
