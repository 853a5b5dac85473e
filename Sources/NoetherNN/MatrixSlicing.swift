import _Differentiation

/// Slices and gathers.
extension Matrix {
  /// The columns in `range`.
  @differentiable(reverse)
  public func columns(_ range: Range<Int>) -> Matrix {
    precondition(
      range.lowerBound >= 0 && range.upperBound <= columns, "columns: \(range) out of 0..<\(columns)")
    let width = range.count
    return Matrix(rows: rows, columns: width) { out in
      for i in 0..<rows {
        for j in 0..<width { out[i * width + j] = scalars[i * columns + range.lowerBound + j] }
      }
    }
  }

  @derivative(of: columns)
  @usableFromInline
  func _vjpColumns(_ range: Range<Int>) -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    let (r, c) = (rows, columns)
    return (
      columns(range),
      { v in
        guard !v.isSymbolicZero else { return .zero }
        var out = Matrix(rows: r, columns: c)
        for i in 0..<r {
          for j in 0..<range.count {
            out.scalars[i * c + range.lowerBound + j] = v.scalars[i * range.count + j]
          }
        }
        return out
      }
    )
  }

  /// The rows in `range`.
  @differentiable(reverse)
  public func rows(_ range: Range<Int>) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows: \(range) out of 0..<\(rows)")
    return Matrix(
      rows: range.count, columns: columns,
      scalars: Array(scalars[(range.lowerBound * columns)..<(range.upperBound * columns)]))
  }

  @derivative(of: rows)
  @usableFromInline
  func _vjpRows(_ range: Range<Int>) -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    let (r, c) = (rows, columns)
    return (
      rows(range),
      { v in
        guard !v.isSymbolicZero else { return .zero }
        var out = Matrix(rows: r, columns: c)
        out.scalars.replaceSubrange((range.lowerBound * c)..<(range.upperBound * c), with: v.scalars)
        return out
      }
    )
  }

  /// `self` and `other` side by side (the same number of rows).
  @differentiable(reverse)
  public func concatenatingColumns(_ other: Matrix) -> Matrix {
    precondition(rows == other.rows, "concatenatingColumns: \(rows) and \(other.rows) rows")
    let width = columns + other.columns
    return Matrix(rows: rows, columns: width) { out in
      for i in 0..<rows {
        for j in 0..<columns { out[i * width + j] = scalars[i * columns + j] }
        for j in 0..<other.columns { out[i * width + columns + j] = other.scalars[i * other.columns + j] }
      }
    }
  }

  @derivative(of: concatenatingColumns)
  @usableFromInline
  func _vjpConcatenatingColumns(_ other: Matrix) -> (value: Matrix, pullback: (Matrix) -> (Matrix, Matrix)) {
    let (left, right) = (columns, other.columns)
    return (
      concatenatingColumns(other),
      { v in v.isSymbolicZero ? (.zero, .zero) : (v.columns(0..<left), v.columns(left..<(left + right))) }
    )
  }

  /// The rows at `indices`, in that order (data selection; not differentiable).
  public func gatheringRows(_ indices: [Int]) -> Matrix {
    Matrix(rows: indices.count, columns: columns) { out in
      scalars.withUnsafeBufferPointer { s in
        for (k, i) in indices.enumerated() {
          for j in 0..<columns { out[k * columns + j] = s[i * columns + j] }
        }
      }
    }
  }
}
