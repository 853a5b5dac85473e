import NoetherCore
import NoetherLearning
import NoetherNN

/// Finds sparse coefficients Ξ with ẋ ≈ Θ·Ξ.
public protocol SparseRegressor: Sendable {
  /// Ξ, row-major [p, n], for features Θ [N, p] and targets Ẋ [N, n].
  func fit(features: [Double], featureCount p: Int, targets: [Double], targetCount n: Int) throws -> [Double]
}

/// Sequentially thresholded least squares (STLSQ; Brunton et al. 2016), with ridge
/// regularisation as in PySINDy: repeat { Ξ = argmin ‖Θ_S Ξ − Ẋ‖² + α‖Ξ‖² on the
/// current support S; drop coefficients with |ξ| < threshold } until the support is
/// stable. Each ridge problem is solved as least squares on [Θ_S; √α I] through
/// LAPACK `dgelsd`.
public struct SequentiallyThresholdedLeastSquares: SparseRegressor {
  public var threshold: Double
  /// α, the ridge weight.
  public var ridge: Double
  public var maximumIterations: Int

  public init(threshold: Double = 0.1, ridge: Double = 0.05, maximumIterations: Int = 20) {
    self.threshold = threshold
    self.ridge = ridge
    self.maximumIterations = maximumIterations
  }

  public func fit(features theta: [Double], featureCount p: Int, targets: [Double], targetCount n: Int) throws
    -> [Double]
  {
    let rows = theta.count / max(p, 1)
    guard theta.count == rows * p, targets.count == rows * n, rows > 0 else {
      throw NoetherError.shapeMismatch(
        what: "SINDy regression", expected: [rows, p, n], actual: [theta.count, targets.count])
    }
    NeuralRuntime.configure()  // one BLAS thread: the same bits whatever runs beside
    var xi = [Double](repeating: 0, count: p * n)
    for target in 0..<n {
      let y = (0..<rows).map { targets[$0 * n + target] }
      var support = Array(0..<p)
      var coefficients = [Double](repeating: 0, count: p)
      for _ in 0..<maximumIterations {
        let solved = try ridgeSolve(theta, rows: rows, featureCount: p, support: support, y)
        coefficients = [Double](repeating: 0, count: p)
        for (k, j) in support.enumerated() { coefficients[j] = solved[k] }
        let kept = support.filter { abs(coefficients[$0]) >= threshold }
        if kept == support { break }
        support = kept
        if support.isEmpty {
          coefficients = [Double](repeating: 0, count: p)
          break
        }
      }
      for j in 0..<p { xi[j * n + target] = coefficients[j] }
    }
    return xi
  }

  private func ridgeSolve(_ theta: [Double], rows: Int, featureCount p: Int, support: [Int], _ y: [Double])
    throws -> [Double]
  {
    let s = support.count
    let augmented = ridge > 0 ? rows + s : rows
    var a = [Double](repeating: 0, count: augmented * s)
    var b = [Double](repeating: 0, count: augmented)
    for i in 0..<rows {
      for (k, j) in support.enumerated() { a[i * s + k] = theta[i * p + j] }
      b[i] = y[i]
    }
    if ridge > 0 { for k in 0..<s { a[(rows + k) * s + k] = ridge.squareRoot() } }
    return try LeastSquares.solve(a, rows: augmented, columns: s, b, rightHandSides: 1)
  }
}
