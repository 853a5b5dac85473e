import NoetherLearning

/// Coefficient vectors against the span of others (laws already found).
enum CoefficientSpan {
  /// True when c lies within 10 % of the candidates' span (relative residual of its
  /// least-squares fit by them): the support search's E and L hold Kepler's E + κL.
  static func holds(_ candidates: [[Double]], _ c: [Double]) -> Bool {
    guard let (residual, size) = fit(c, by: candidates) else { return false }
    return residual <= 0.01 * size
  }

  /// The squared residual of c's least-squares fit by the candidates over c's squared
  /// length (NaN without candidates or a fit); `holds` is this at most 0.01.
  static func relativeResidual(_ candidates: [[Double]], _ c: [Double]) -> Double {
    guard let (residual, size) = fit(c, by: candidates) else { return .nan }
    return residual / size
  }

  private static func fit(_ c: [Double], by candidates: [[Double]]) -> (residual: Double, size: Double)? {
    guard !candidates.isEmpty else { return nil }
    let p = c.count
    let columns = candidates.count
    let matrix = (0..<p).flatMap { j in candidates.map { $0[j] } }
    guard let fit = try? LeastSquares.solve(matrix, rows: p, columns: columns, c, rightHandSides: 1) else {
      return nil
    }
    var (residual, size) = (0.0, 0.0)
    for j in 0..<p {
      let predicted = (0..<columns).reduce(0.0) { $0 + candidates[$1][j] * fit[$1] }
      residual += (c[j] - predicted) * (c[j] - predicted)
      size += c[j] * c[j]
    }
    return (residual, size)
  }

  /// c less its B-orthogonal projection onto the span of `laws`: what c adds to them
  /// (c − L(LᵀBL)⁻¹LᵀBc, L the laws as columns).
  static func remainder(_ c: [Double], after laws: [[Double]], b: [Double]) -> [Double] {
    let k = laws.count
    guard k > 0 else { return c }
    let p = c.count
    let bl = laws.map { l in (0..<p).map { i in (0..<p).reduce(0.0) { $0 + b[i * p + $1] * l[$1] } } }
    let gram = (0..<k).flatMap { x in (0..<k).map { y in zip(laws[x], bl[y]).reduce(0) { $0 + $1.0 * $1.1 } }
    }
    let right = bl.map { zip($0, c).reduce(0) { $0 + $1.0 * $1.1 } }
    guard let weights = try? LeastSquares.solve(gram, rows: k, columns: k, right, rightHandSides: 1) else {
      return c
    }
    return (0..<p).map { j in c[j] - (0..<k).reduce(0.0) { $0 + weights[$1] * laws[$1][j] } }
  }
}
