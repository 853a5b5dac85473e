/// Which split a trajectory belongs to.
public enum TrajectorySplit: Int32, Sendable, CaseIterable {
  case train = 0
  case test = 1
}

/// N trajectories of T points each in Rⁿ, sampled at shared times, with the
/// observed time derivatives and each trajectory's train/test split.
///
/// `states` and `derivatives` are row-major [N, T, n].
public struct TrajectorySet: Sendable, Equatable {
  public let trajectoryCount: Int
  public let pointCount: Int
  public let dimension: Int
  /// The T sampling times.
  public var times: [Double]
  /// States, [N, T, n].
  public var states: [Double]
  /// Time derivatives ẋ at the states, [N, T, n].
  public var derivatives: [Double]
  /// One split label per trajectory.
  public var split: [TrajectorySplit]

  /// - Throws: `NoetherError.shapeMismatch` when the arrays do not have the shapes
  ///   [N, T, n], [T] and [N].
  public init(
    times: [Double], states: [Double], derivatives: [Double], dimension: Int,
    split: [TrajectorySplit]
  ) throws {
    let n = split.count
    let t = times.count
    guard dimension > 0 else {
      throw NoetherError.invalidParameter(
        name: "dimension", value: "\(dimension)", requirement: "must be at least 1")
    }
    guard states.count == n * t * dimension else {
      throw NoetherError.shapeMismatch(
        what: "states", expected: [n, t, dimension], actual: [states.count])
    }
    guard derivatives.count == states.count else {
      throw NoetherError.shapeMismatch(
        what: "derivatives", expected: [n, t, dimension], actual: [derivatives.count])
    }
    self.trajectoryCount = n
    self.pointCount = t
    self.dimension = dimension
    self.times = times
    self.states = states
    self.derivatives = derivatives
    self.split = split
  }

  /// The indices of the trajectories in `split`.
  public func indices(in split: TrajectorySplit) -> [Int] {
    self.split.indices.filter { self.split[$0] == split }
  }

  /// The trajectories at `indices`, in that order.
  public func selecting(_ indices: [Int]) -> TrajectorySet {
    let size = pointCount * dimension
    var s = [Double]()
    var d = [Double]()
    s.reserveCapacity(indices.count * size)
    d.reserveCapacity(indices.count * size)
    for i in indices {
      s.append(contentsOf: states[(i * size)..<((i + 1) * size)])
      d.append(contentsOf: derivatives[(i * size)..<((i + 1) * size)])
    }
    // Shapes are consistent by construction.
    return try! TrajectorySet(
      times: times, states: s, derivatives: d, dimension: dimension,
      split: indices.map { split[$0] })
  }

  /// The training trajectories.
  public var training: TrajectorySet { selecting(indices(in: .train)) }
  /// The test trajectories.
  public var testing: TrajectorySet { selecting(indices(in: .test)) }

  /// Trajectory i's T states.
  public func trajectory(_ i: Int) -> StateBatch {
    let size = pointCount * dimension
    return StateBatch(
      count: pointCount, dimension: dimension, values: Array(states[(i * size)..<((i + 1) * size)]))
  }

  /// Every point of every trajectory, N·T states.
  public var allStates: StateBatch {
    StateBatch(count: trajectoryCount * pointCount, dimension: dimension, values: states)
  }

  /// Every derivative of every trajectory, N·T rows.
  public var allDerivatives: StateBatch {
    StateBatch(count: trajectoryCount * pointCount, dimension: dimension, values: derivatives)
  }
}
