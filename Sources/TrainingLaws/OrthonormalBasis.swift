/// An orthonormal basis grown one vector at a time: the part of a new vector orthogonal
/// to the basis, by two passes of modified Gram–Schmidt (the second removes what the
/// first left by round-off, so the basis stays orthonormal to ~1e-15 over hundreds of
/// vectors), is kept when it is more than `tolerance` of the vector's size.
struct OrthonormalBasis: Sendable {
  /// The basis vectors, each of unit length.
  private(set) var vectors: [[Double]] = []

  /// Adds `value`'s new direction; true when it had one.
  mutating func add(_ value: [Double], tolerance: Double) -> Bool {
    var v = value
    let size = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard size > 0 else { return false }
    for _ in 0..<2 {
      for b in vectors {
        var dot = 0.0
        for k in v.indices { dot += v[k] * b[k] }
        if dot != 0 { for k in v.indices { v[k] -= dot * b[k] } }
      }
    }
    let rest = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard rest > tolerance * size else { return false }
    vectors.append(v.map { $0 / rest })
    return true
  }
}
