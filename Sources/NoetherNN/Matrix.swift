import _Differentiation

/// A dense row-major matrix of doubles, the value that every learned model in
/// Noether is built from. Conforms to `Differentiable` with itself as tangent vector;
/// its operations register their own derivatives (see the other `Matrix*.swift` files).
///
/// The 0×0 matrix is the additive identity (`zero`): reverse-mode differentiation
/// hands it back as a "symbolic zero" cotangent, and every operation and the
/// optimiser accept it in place of a zero matrix of any shape.
public struct Matrix: Differentiable, AdditiveArithmetic, Sendable, Equatable {
  /// A matrix's tangent (its gradient) is a matrix of the same shape.
  public typealias TangentVector = Matrix

  /// Number of rows.
  public var rows: Int
  /// Number of columns.
  public var columns: Int
  /// Row-major values: element (i, j) is `scalars[i * columns + j]`.
  public var scalars: [Double]

  /// Wraps row-major `scalars`.
  /// - Precondition: `scalars.count == rows * columns`.
  public init(rows: Int, columns: Int, scalars: [Double]) {
    precondition(
      scalars.count == rows * columns,
      "Matrix: \(scalars.count) values cannot fill \(rows)×\(columns)")
    self.rows = rows
    self.columns = columns
    self.scalars = scalars
  }

  /// A matrix with every element equal to `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    self.init(rows: rows, columns: columns, scalars: [Double](repeating: value, count: rows * columns))
  }

  /// A matrix from nested rows of equal length.
  public init(_ rowArrays: [[Double]]) {
    let columns = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == columns }, "Matrix: rows differ in length")
    self.init(rows: rowArrays.count, columns: columns, scalars: rowArrays.flatMap { $0 })
  }

  /// Builds a matrix by filling uninitialised storage.
  @inlinable
  init(rows: Int, columns: Int, filling body: (UnsafeMutableBufferPointer<Double>) -> Void) {
    self.rows = rows
    self.columns = columns
    self.scalars = [Double](unsafeUninitializedCapacity: rows * columns) { buffer, count in
      body(buffer)
      count = rows * columns
    }
  }

  /// Element (i, j).
  @inlinable
  public subscript(i: Int, j: Int) -> Double {
    get { scalars[i * columns + j] }
    set { scalars[i * columns + j] = newValue }
  }

  /// The shape as (rows, columns).
  public var shape: (rows: Int, columns: Int) { (rows, columns) }

  /// True for the 0×0 symbolic zero.
  @inlinable
  public var isSymbolicZero: Bool { rows == 0 && columns == 0 }

  /// True when every element is finite.
  public var isFinite: Bool { scalars.allSatisfy { $0.isFinite } }

  // MARK: - AdditiveArithmetic and Differentiable

  /// The symbolic zero, 0×0.
  public static var zero: Matrix { Matrix(rows: 0, columns: 0, scalars: []) }

  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    if lhs.isSymbolicZero { return rhs }
    if rhs.isSymbolicZero { return lhs }
    return elementwise(lhs, rhs, "+") { $0 + $1 }
  }

  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    if rhs.isSymbolicZero { return lhs }
    if lhs.isSymbolicZero { return rhs.map { -$0 } }
    return elementwise(lhs, rhs, "-") { $0 - $1 }
  }

  public mutating func move(by offset: Matrix) {
    if offset.isSymbolicZero { return }
    if isSymbolicZero {
      self = offset
      return
    }
    precondition(rows == offset.rows && columns == offset.columns, "Matrix.move: shapes differ")
    let n = scalars.count
    scalars.withUnsafeMutableBufferPointer { s in
      offset.scalars.withUnsafeBufferPointer { o in
        for i in 0..<n { s[i] += o[i] }
      }
    }
  }

  // MARK: - Helpers (not differentiable by themselves)

  /// f applied to every element.
  @inlinable
  public func map(_ f: (Double) -> Double) -> Matrix {
    Matrix(rows: rows, columns: columns) { out in
      scalars.withUnsafeBufferPointer { s in
        for i in 0..<s.count { out[i] = f(s[i]) }
      }
    }
  }

  /// f applied to corresponding elements of two matrices of the same shape.
  @inlinable
  static func elementwise(
    _ a: Matrix, _ b: Matrix, _ name: String, _ f: (Double, Double) -> Double
  ) -> Matrix {
    precondition(
      a.rows == b.rows && a.columns == b.columns,
      "Matrix \(name): shapes \(a.rows)×\(a.columns) and \(b.rows)×\(b.columns) differ")
    return Matrix(rows: a.rows, columns: a.columns) { out in
      a.scalars.withUnsafeBufferPointer { x in
        b.scalars.withUnsafeBufferPointer { y in
          for i in 0..<x.count { out[i] = f(x[i], y[i]) }
        }
      }
    }
  }

  /// A zero matrix of this shape, for turning a symbolic zero into a real one.
  public var zerosLike: Matrix { Matrix(rows: rows, columns: columns) }

  /// The transpose.
  public var transposed: Matrix {
    Matrix(rows: columns, columns: rows) { out in
      scalars.withUnsafeBufferPointer { s in
        for i in 0..<rows { for j in 0..<columns { out[j * rows + i] = s[i * columns + j] } }
      }
    }
  }
}

extension Matrix: CustomStringConvertible {
  public var description: String {
    "Matrix \(rows)×\(columns)"
      + (scalars.count <= 16
        ? " \(scalars)" : " [\(scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")), …]")
  }
}
