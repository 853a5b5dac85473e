/// The classical fourth-order Runge–Kutta method with a fixed step.
///
/// Global error O(h⁴). Four evaluations of f per step.
public struct RungeKutta4: FixedStepIntegrator {
  public let stepSize: Double
  public var order: Int { 4 }
  /// Pulls each step back onto the initial invariant values (nil: none).
  public var projection: ManifoldProjection?

  /// - Parameter stepSize: the largest step; must be positive.
  public init(stepSize: Double) {
    precondition(stepSize > 0, "RungeKutta4: the step size must be positive")
    self.stepSize = stepSize
  }

  /// Steps of at most `stepSize`, each projected when `projection` is set (a failed
  /// projection ends the solution with `.projectionFailed`); for balance laws the
  /// sources' integrals are carried with the state (`SourceCarriedField`).
  public func integrate(_ field: any VectorField, from initial: StateBatch, at times: [Double]) -> Solution {
    guard let projection else {
      return fixedStepIntegration(from: initial, at: times, stepSize: stepSize) {
        step(field, from: $0, by: $1)
      }
    }
    if projection.balance != nil && !projection.isExtended(initial) {
      let extended = projection.integrateCarrying(field, from: initial, at: times, with: self)
      return ManifoldProjection.stateSolution(extended, dimension: initial.dimension)
    }
    let targets = projection.targets(at: initial)
    var failed = false
    var solution = fixedStepIntegration(from: initial, at: times, stepSize: stepSize) { x, h in
      guard !failed, let projected = projection.project(step(field, from: x, by: h), onto: targets) else {
        failed = true
        return StateBatch(count: x.count, dimension: x.dimension, values: x.values.map { _ in .nan })
      }
      return projected
    }
    if failed, case .nonFinite(let time) = solution.status { solution.status = .projectionFailed(time: time) }
    return solution
  }

  public func step(_ field: any VectorField, from x: StateBatch, by h: Double) -> StateBatch {
    let k1 = field.derivatives(at: x)
    let k2 = field.derivatives(at: axpy(x, h / 2, k1))
    let k3 = field.derivatives(at: axpy(x, h / 2, k2))
    let k4 = field.derivatives(at: axpy(x, h, k3))
    var out = x
    let w = h / 6
    for i in out.values.indices {
      out.values[i] += w * (k1.values[i] + 2 * k2.values[i] + 2 * k3.values[i] + k4.values[i])
    }
    return out
  }
}

/// x + a·y for batches of the same shape.
@inline(__always)
func axpy(_ x: StateBatch, _ a: Double, _ y: StateBatch) -> StateBatch {
  var out = x
  for i in out.values.indices { out.values[i] += a * y.values[i] }
  return out
}
