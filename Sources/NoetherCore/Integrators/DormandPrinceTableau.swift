/// The Dormand–Prince 5(4) Butcher tableau (Dormand & Prince 1980; Hairer, Nørsett &
/// Wanner, *Solving ODEs I*, Table 5.2). The fifth-order solution is propagated; the
/// difference from the embedded fourth-order one estimates the local error.
enum DormandPrinceTableau {
  static let a2 = [1.0 / 5]
  static let a3 = [3.0 / 40, 9.0 / 40]
  static let a4 = [44.0 / 45, -56.0 / 15, 32.0 / 9]
  static let a5 = [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729]
  static let a6 = [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656]
  /// Fifth-order weights (also row 7 of the tableau: first same as last).
  static let b = [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84]
  /// Fifth-order minus fourth-order weights, over the seven stages.
  static let e = [
    71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40,
  ]

  /// One Dormand–Prince step of size h from x with f(x) = k1 already known.
  /// - Returns: the fifth-order state, f at it, and the local error estimate.
  static func step(
    _ field: any VectorField, x: StateBatch, k1: StateBatch, h: Double
  ) -> (x: StateBatch, f: StateBatch, error: [Double]) {
    let k2 = field.derivatives(at: combine(x, h, [k1], a2))
    let k3 = field.derivatives(at: combine(x, h, [k1, k2], a3))
    let k4 = field.derivatives(at: combine(x, h, [k1, k2, k3], a4))
    let k5 = field.derivatives(at: combine(x, h, [k1, k2, k3, k4], a5))
    let k6 = field.derivatives(at: combine(x, h, [k1, k2, k3, k4, k5], a6))
    let xNew = combine(x, h, [k1, k2, k3, k4, k5, k6], b)
    let k7 = field.derivatives(at: xNew)
    let error = combine(
      StateBatch(zeros: x.count, dimension: x.dimension), h, [k1, k2, k3, k4, k5, k6, k7], e)
    return (xNew, k7, error.values)
  }

  /// x + h Σ coefficients[s]·stages[s].
  @inline(__always)
  static func combine(_ x: StateBatch, _ h: Double, _ stages: [StateBatch], _ coefficients: [Double])
    -> StateBatch
  {
    var out = x
    let n = out.values.count
    out.values.withUnsafeMutableBufferPointer { o in
      for (s, c) in coefficients.enumerated() where c != 0 {
        let w = h * c
        stages[s].values.withUnsafeBufferPointer { k in
          for i in 0..<n { o[i] += w * k[i] }
        }
      }
    }
    return out
  }
}

/// The Dormand–Prince fifth-order method with a fixed step (no error control).
///
/// Global error O(h⁵). Mostly useful to verify the tableau's order; use
/// ``DormandPrince45`` for production.
public struct DormandPrince5: FixedStepIntegrator {
  public let stepSize: Double
  public var order: Int { 5 }

  public init(stepSize: Double) {
    precondition(stepSize > 0, "DormandPrince5: the step size must be positive")
    self.stepSize = stepSize
  }

  public func step(_ field: any VectorField, from x: StateBatch, by h: Double) -> StateBatch {
    DormandPrinceTableau.step(field, x: x, k1: field.derivatives(at: x), h: h).x
  }
}
