/// Adaptive Dormand–Prince 5(4) (the method of SciPy's `RK45` and MATLAB's `ode45`),
/// for a batch of trajectories advanced together.
///
/// The whole batch shares one step size: a step is accepted when, for every
/// trajectory, the RMS over components of err / (atol + rtol·max(|x|, |x_new|)) is at
/// most 1. Steps are shortened to land exactly on each requested time, so outputs carry
/// no interpolation error. The result of one trajectory therefore depends (within the
/// tolerances) on the batch it is integrated in.
public struct DormandPrince45: AdaptiveIntegrator {
  public let relativeTolerance: Double
  public let absoluteTolerance: Double
  /// The most accepted and rejected steps tried before giving up.
  public var maximumSteps: Int
  /// Pulls each accepted step back onto the initial invariant values (nil: none). The
  /// field is evaluated again at the projected state (one more evaluation per step).
  public var projection: ManifoldProjection?

  /// - Parameters:
  ///   - relativeTolerance: rtol, positive.
  ///   - absoluteTolerance: atol, positive.
  ///   - maximumSteps: step budget; exceeding it ends with `.tooManySteps`.
  public init(
    relativeTolerance: Double = 1e-10, absoluteTolerance: Double = 1e-12,
    maximumSteps: Int = 2_000_000
  ) {
    precondition(relativeTolerance > 0 && absoluteTolerance > 0, "tolerances must be positive")
    self.relativeTolerance = relativeTolerance
    self.absoluteTolerance = absoluteTolerance
    self.maximumSteps = maximumSteps
  }

  public func integrate(_ field: any VectorField, from initial: StateBatch, at times: [Double])
    -> Solution
  {
    if let projection, projection.balance != nil, !projection.isExtended(initial) {
      let extended = projection.integrateCarrying(field, from: initial, at: times, with: self)
      return ManifoldProjection.stateSolution(extended, dimension: initial.dimension)
    }
    var solution = Solution(times: times, count: initial.count, dimension: initial.dimension)
    guard !times.isEmpty, initial.count > 0 else { return solution }
    solution.store(initial, atTimeIndex: 0)
    guard initial.isFinite else {
      solution.status = .nonFinite(time: times[0])
      solution.invalidate(fromTimeIndex: 0)
      return solution
    }
    var x = initial
    var f = field.derivatives(at: x)
    solution.evaluations = 1
    var t = times[0]
    let span = times.count > 1 ? abs(times[times.count - 1] - times[0]) : 0
    var h = initialStep(field, x: x, f: f, span: span, evaluations: &solution.evaluations)
    var attempts = 0
    let targets = projection?.targets(at: initial)

    for k in 1..<max(times.count, 1) {
      let target = times[k]
      while t < target {
        attempts += 1
        if attempts > maximumSteps {
          return fail(&solution, .tooManySteps(time: t), from: k)
        }
        let remaining = target - t
        let clipped = h >= remaining
        let hTry = clipped ? remaining : h
        let trial = DormandPrinceTableau.step(field, x: x, k1: f, h: hTry)
        solution.evaluations += 6
        let errorNorm = scaledErrorNorm(trial.error, x, trial.x)
        if errorNorm <= 1 {
          t = clipped ? target : t + hTry
          x = trial.x
          f = trial.f
          if let projection, let targets {
            guard let projected = projection.project(x, onto: targets) else {
              return fail(&solution, .projectionFailed(time: t), from: k)
            }
            x = projected
            f = field.derivatives(at: x)
            solution.evaluations += 1
          }
          solution.steps += 1
          let growth = errorNorm == 0 ? 10 : min(10, 0.9 * _pow(errorNorm, -0.2))
          if !clipped { h = hTry * max(1, growth) } else { h = max(h, hTry * growth) }
        } else {
          let shrink = errorNorm.isFinite ? max(0.2, 0.9 * _pow(errorNorm, -0.2)) : 0.2
          h = hTry * shrink
          if h < 1e-14 * max(1, abs(t)) {
            let status: IntegrationStatus =
              trial.x.isFinite ? .stepSizeUnderflow(time: t) : .nonFinite(time: t)
            return fail(&solution, status, from: k)
          }
        }
      }
      solution.store(x, atTimeIndex: k)
    }
    return solution
  }

  private func fail(_ solution: inout Solution, _ status: IntegrationStatus, from k: Int)
    -> Solution
  {
    solution.status = status
    solution.invalidate(fromTimeIndex: k)
    return solution
  }

  /// The largest, over trajectories, RMS of error / (atol + rtol·max(|x|, |x_new|)).
  private func scaledErrorNorm(_ error: [Double], _ x: StateBatch, _ xNew: StateBatch) -> Double {
    let n = x.dimension
    var worst = 0.0
    let (atol, rtol) = (absoluteTolerance, relativeTolerance)
    error.withUnsafeBufferPointer { e in
      x.values.withUnsafeBufferPointer { a in
        xNew.values.withUnsafeBufferPointer { b in
          for i in 0..<x.count {
            var sum = 0.0
            for idx in (i * n)..<((i + 1) * n) {
              let r = e[idx] / (atol + rtol * max(abs(a[idx]), abs(b[idx])))
              sum += r * r
            }
            let rms = (sum / Double(max(n, 1))).squareRoot()
            if !(rms <= worst) { worst = rms }  // also propagates NaN
          }
        }
      }
    }
    return worst
  }

  /// Hairer, Nørsett & Wanner's starting step (Solving ODEs I, II.4), batch-wide.
  private func initialStep(
    _ field: any VectorField, x: StateBatch, f: StateBatch, span: Double, evaluations: inout Int
  ) -> Double {
    let scale = x.values.map { absoluteTolerance + relativeTolerance * abs($0) }
    func norm(_ v: [Double]) -> Double {
      var worst = 0.0
      let n = x.dimension
      for i in 0..<x.count {
        var s = 0.0
        for j in 0..<n {
          let r = v[i * n + j] / scale[i * n + j]
          s += r * r
        }
        worst = max(worst, (s / Double(max(n, 1))).squareRoot())
      }
      return worst
    }
    let d0 = norm(x.values)
    let d1 = norm(f.values)
    var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1
    if span > 0 { h0 = min(h0, span) }
    let x1 = axpy(x, h0, f)
    let f1 = field.derivatives(at: x1)
    evaluations += 1
    var diff = f1.values
    for i in diff.indices { diff[i] -= f.values[i] }
    let d2 = norm(diff) / h0
    let h1 =
      (d1 <= 1e-15 && d2 <= 1e-15) ? max(1e-6, h0 * 1e-3) : _pow(0.01 / max(d1, d2), 0.2)
    let h = min(100 * h0, h1)
    return h.isFinite && h > 0 ? h : 1e-6
  }
}
