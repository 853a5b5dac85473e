/// A vector field z ↦ M z + c on ℝᴺ, M row-major. Brackets of such fields are again
/// affine, so the Lie algebra they generate is a space of (N × N, N) pairs: the
/// enumeration of conservation laws is linear algebra on these pairs.
public struct AffineField: Sendable, Hashable {
  /// N.
  public let dimension: Int
  /// M, N × N row-major.
  public var matrix: [Double]
  /// c.
  public var offset: [Double]

  /// The zero field on ℝᴺ.
  public init(dimension: Int) {
    self.dimension = dimension
    matrix = [Double](repeating: 0, count: dimension * dimension)
    offset = [Double](repeating: 0, count: dimension)
  }

  /// M z + c.
  public func value(at z: [Double]) -> [Double] {
    let n = dimension
    return (0..<n).map { i in (0..<n).reduce(offset[i]) { $0 + matrix[i * n + $1] * z[$1] } }
  }

  /// The Lie bracket [X, Y](z) = DY·X(z) − DX·Y(z) of X = self and Y = other: the field
  /// (M_Y M_X − M_X M_Y) z + (M_Y c_X − M_X c_Y).
  public func bracket(_ other: AffineField) -> AffineField {
    let n = dimension
    var result = AffineField(dimension: n)
    for i in 0..<n {
      for k in 0..<n {
        let yx = other.matrix[i * n + k]
        let xy = matrix[i * n + k]
        if yx == 0 && xy == 0 { continue }
        for j in 0..<n { result.matrix[i * n + j] += yx * matrix[k * n + j] - xy * other.matrix[k * n + j] }
        result.offset[i] += yx * offset[k] - xy * other.offset[k]
      }
    }
    return result
  }

  /// (M, c) as one vector of N² + N entries: the coordinates the algebra's span is taken in.
  var flattened: [Double] { matrix + offset }
}
