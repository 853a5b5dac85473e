/// The part of a conserved space that the data excite.
///
/// A direction c of the conserved space counts only where its second moment about zero,
/// cᵀGc, reaches `threshold` times its noise, cᵀBc (the values carry at least as much
/// signal as noise); the rest is noise everywhere — the heat equation's fastest modes,
/// decayed before the first sample — and is counted, not listed. As the data cannot tell
/// c from c plus a direction they never excite (anywhere in the library, conserved or
/// not), each kept direction is taken in the excited span: its B-orthogonal projection
/// onto the eigenvectors of G v = μ B v with μ ≥ threshold (Σ U, not Σ U plus noise modes).
enum ExcitedSpan {
  /// The excited combinations of the `basis` rows (generalised eigenproblem of G and B
  /// restricted to the basis' span, μ ≥ threshold), each projected onto the excited span.
  /// - Parameters:
  ///   - g: G over the q terms, row-major.
  ///   - b: B over the same terms.
  static func directions(
    _ basis: [[Double]], moments g: [Double], noise b: [Double], size q: Int, threshold: Double
  ) throws -> [[Double]] {
    let k = basis.count
    guard k > 0 else { return [] }
    var gk = [Double](repeating: 0, count: k * k)
    var bk = [Double](repeating: 0, count: k * k)
    for a in 0..<k {
      for c in 0..<k {
        var (sg, sb) = (0.0, 0.0)
        for i in 0..<q {
          var (rowG, rowB) = (0.0, 0.0)
          for j in 0..<q {
            rowG += g[i * q + j] * basis[c][j]
            rowB += b[i * q + j] * basis[c][j]
          }
          sg += basis[a][i] * rowG
          sb += basis[a][i] * rowB
        }
        gk[a * k + c] = sg
        bk[a * k + c] = sb
      }
    }
    let (mu, w) = try SymmetricEigen.generalized(gk, bk, size: k)
    let excited = (0..<k).filter { mu[$0] >= threshold }.map { e in
      (0..<q).map { j in (0..<k).reduce(0.0) { $0 + basis[$1][j] * w[$1 * k + e] } }
    }
    return try projected(excited, moments: g, noise: b, size: q, threshold: threshold)
  }

  /// Each of `directions` projected B-orthogonally onto the eigenvectors of G v = μ B v
  /// with μ ≥ threshold (unchanged when every direction of the library is excited).
  private static func projected(
    _ directions: [[Double]], moments g: [Double], noise b: [Double], size q: Int, threshold: Double
  ) throws -> [[Double]] {
    let (muAll, vAll) = try SymmetricEigen.generalized(g, b, size: q)
    let span = (0..<q).filter { muAll[$0] >= threshold }
    guard span.count < q else { return directions }
    return directions.map { c in
      let bc = (0..<q).map { i in (0..<q).reduce(0.0) { $0 + b[i * q + $1] * c[$1] } }
      var out = [Double](repeating: 0, count: q)
      for e in span {
        let weight = (0..<q).reduce(0.0) { $0 + vAll[$1 * q + e] * bc[$1] }
        for j in 0..<q { out[j] += weight * vAll[j * q + e] }
      }
      return out
    }
  }
}
