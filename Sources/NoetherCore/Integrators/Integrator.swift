/// How an integration ended; its description says it in words, for messages.
public enum IntegrationStatus: Sendable, Equatable, CustomStringConvertible {
  /// Every requested time was reached.
  case success
  /// A state became NaN or infinite at this time (a diverging model, for example);
  /// states from then on are NaN.
  case nonFinite(time: Double)
  /// The adaptive step size fell below round-off at this time; states from then on are NaN.
  case stepSizeUnderflow(time: Double)
  /// The step budget ran out at this time; states from then on are NaN.
  case tooManySteps(time: Double)
  /// The step projection (``ManifoldProjection``) did not converge after the step ending
  /// at this time; states from then on are NaN.
  case projectionFailed(time: Double)

  /// True for `.success`.
  public var succeeded: Bool { self == .success }

  /// `the step size fell below round-off at t = 2.45 (…)`: what happened, when, and what
  /// it usually means.
  public var description: String {
    switch self {
    case .success: return "every requested time was reached"
    case .nonFinite(let time):
      return "a state became NaN or infinite at t = \(time) (the field diverged)"
    case .stepSizeUnderflow(let time):
      return
        "the adaptive step size fell below round-off at t = \(time) (the field is stiff or singular there)"
    case .tooManySteps(let time):
      return "the step budget ran out at t = \(time) (the field is stiff, or the budget too small)"
    case .projectionFailed(let time):
      return "the step projection onto the invariants did not converge after t = \(time)"
    }
  }
}

/// States of a batch of trajectories at requested times: `states[i, k, :]` is
/// trajectory i at `times[k]`, stored row-major as [count, times.count, dimension].
public struct Solution: Sendable {
  public let times: [Double]
  public let count: Int
  public let dimension: Int
  public var states: [Double]
  /// How the integration ended.
  public var status: IntegrationStatus
  /// Accepted steps taken.
  public var steps: Int
  /// Vector-field evaluations (each on the whole batch).
  public var evaluations: Int

  /// The states of every trajectory at time index k.
  public func states(atTimeIndex k: Int) -> StateBatch {
    var out = [Double]()
    out.reserveCapacity(count * dimension)
    let t = times.count
    for i in 0..<count {
      let start = (i * t + k) * dimension
      out.append(contentsOf: states[start..<(start + dimension)])
    }
    return StateBatch(count: count, dimension: dimension, values: out)
  }

  /// Trajectory i as a batch of `times.count` states.
  public func trajectory(_ i: Int) -> StateBatch {
    let size = times.count * dimension
    return StateBatch(
      count: times.count, dimension: dimension, values: Array(states[(i * size)..<((i + 1) * size)]))
  }

  /// Writes the batch `x` at time index k.
  mutating func store(_ x: StateBatch, atTimeIndex k: Int) {
    let t = times.count
    for i in 0..<count {
      let dst = (i * t + k) * dimension
      for j in 0..<dimension { states[dst + j] = x.values[i * dimension + j] }
    }
  }

  /// Fills time indices k... with NaN (after a failure).
  mutating func invalidate(fromTimeIndex k: Int) {
    let t = times.count
    for i in 0..<count {
      for kk in k..<t {
        let dst = (i * t + kk) * dimension
        for j in 0..<dimension { states[dst + j] = .nan }
      }
    }
  }

  /// An empty solution (zeros) for `count` trajectories at `times`.
  public init(times: [Double], count: Int, dimension: Int) {
    self.times = times
    self.count = count
    self.dimension = dimension
    self.states = [Double](repeating: 0, count: count * times.count * dimension)
    self.status = .success
    self.steps = 0
    self.evaluations = 0
  }
}

/// Integrates a vector field for a batch of initial states, returning the states at
/// requested times.
public protocol Integrator: Sendable {
  /// - Parameters:
  ///   - field: the vector field f.
  ///   - initial: states at `times[0]`, `count × field.dimension`.
  ///   - times: increasing output times; the first is the initial time.
  /// - Returns: the states at every time; failures are reported in `status`.
  func integrate(_ field: any VectorField, from initial: StateBatch, at times: [Double]) -> Solution
}

/// An integrator that advances with a fixed step `h` and has a known order of accuracy.
public protocol FixedStepIntegrator: Integrator {
  /// The largest step taken; output intervals are split into equal substeps no larger.
  var stepSize: Double { get }
  /// The global order of accuracy p: the error scales as hᵖ.
  var order: Int { get }
  /// One step of size `h` from states `x`.
  func step(_ field: any VectorField, from x: StateBatch, by h: Double) -> StateBatch
}

/// An integrator that chooses its own steps to meet error tolerances.
public protocol AdaptiveIntegrator: Integrator {
  /// Relative tolerance on the local error, per component.
  var relativeTolerance: Double { get }
  /// Absolute tolerance on the local error, per component.
  var absoluteTolerance: Double { get }
}

// MARK: - Default implementations

extension FixedStepIntegrator {
  /// Splits each output interval into ⌈Δt / stepSize⌉ equal steps.
  public func integrate(_ field: any VectorField, from initial: StateBatch, at times: [Double])
    -> Solution
  {
    fixedStepIntegration(from: initial, at: times, stepSize: stepSize) { x, h in
      step(field, from: x, by: h)
    }
  }
}

/// Walks the output grid with equal substeps no larger than `stepSize`, applying `step`.
func fixedStepIntegration(
  from initial: StateBatch, at times: [Double], stepSize: Double,
  step: (StateBatch, Double) -> StateBatch
) -> Solution {
  var solution = Solution(times: times, count: initial.count, dimension: initial.dimension)
  guard !times.isEmpty else { return solution }
  var x = initial
  solution.store(x, atTimeIndex: 0)
  for k in 1..<max(times.count, 1) {
    let interval = times[k] - times[k - 1]
    let substeps = max(1, Int((abs(interval) / stepSize).rounded(.up) - 1e-9))
    let h = interval / Double(substeps)
    for _ in 0..<substeps {
      x = step(x, h)
      solution.steps += 1
    }
    guard x.isFinite else {
      solution.status = .nonFinite(time: times[k])
      solution.invalidate(fromTimeIndex: k)
      return solution
    }
    solution.store(x, atTimeIndex: k)
  }
  return solution
}
