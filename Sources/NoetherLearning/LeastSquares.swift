import CLAPACKE
import NoetherCore
import NoetherNN

/// Linear least squares through LAPACK's SVD-based `dgelsd`.
public enum LeastSquares {
  /// The X minimising ‖A·X − B‖ (minimum-norm when A is rank-deficient), with A
  /// m×n and B m×k row-major; singular values below `rcond`·σ_max count as zero.
  /// - Throws: `NoetherError.invalidParameter` for mismatched shapes or non-finite
  ///   input, `NoetherError.integrationFailed`-free: LAPACK failures throw too.
  public static func solve(
    _ a: [Double], rows m: Int, columns n: Int, _ b: [Double], rightHandSides k: Int, rcond: Double = 1e-12
  ) throws -> [Double] {
    guard a.count == m * n, b.count == m * k, m > 0, n > 0, k > 0 else {
      throw NoetherError.shapeMismatch(
        what: "least-squares system", expected: [m, n, k], actual: [a.count, b.count])
    }
    guard a.allSatisfy(\.isFinite), b.allSatisfy(\.isFinite) else {
      throw NoetherError.nonFiniteValues(what: "least-squares data")
    }
    NeuralRuntime.configure()  // one BLAS thread: the same bits whatever runs beside
    var aCopy = a
    let ldb = max(m, n)
    var bPadded = [Double](repeating: 0, count: ldb * k)
    for i in 0..<m { for j in 0..<k { bPadded[i * k + j] = b[i * k + j] } }
    var singular = [Double](repeating: 0, count: min(m, n))
    var rank: Int32 = 0
    let info = LAPACKE_dgelsd(
      LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(k), &aCopy, Int32(n), &bPadded,
      Int32(k), &singular, rcond, &rank)
    guard info == 0 else {
      throw NoetherError.invalidParameter(
        name: "least squares", value: "info \(info)", requirement: "LAPACK dgelsd did not converge")
    }
    return Array(bPadded[0..<(n * k)])
  }
}

/// R² of the best linear fit y ≈ c₀ + Σⱼ cⱼ fⱼ: the share of y's variance that the
/// features explain (the ConCerNet paper's check of a learned invariant, Table 2).
public func coefficientOfDetermination(target y: [Double], features: [Double], featureCount p: Int) throws
  -> Double
{
  let n = y.count
  guard features.count == n * p, n > p + 1 else {
    throw NoetherError.shapeMismatch(what: "regression features", expected: [n, p], actual: [features.count])
  }
  var design = [Double](repeating: 1, count: n * (p + 1))
  for i in 0..<n { for j in 0..<p { design[i * (p + 1) + j + 1] = features[i * p + j] } }
  let c = try LeastSquares.solve(design, rows: n, columns: p + 1, y, rightHandSides: 1)
  let mean = y.reduce(0, +) / Double(n)
  var residual = 0.0
  var total = 0.0
  for i in 0..<n {
    var fit = c[0]
    for j in 0..<p { fit += c[j + 1] * features[i * p + j] }
    residual += (y[i] - fit) * (y[i] - fit)
    total += (y[i] - mean) * (y[i] - mean)
  }
  return total > 0 ? 1 - residual / total : (residual == 0 ? 1 : 0)
}
