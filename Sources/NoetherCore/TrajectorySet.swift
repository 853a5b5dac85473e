/// Which split a trajectory belongs to.
public enum TrajectorySplit: Int32, Sendable, CaseIterable {
  case train = 0
  case test = 1
}

/// N trajectories in Rⁿ with the observed time derivatives and each trajectory's
/// train/test split: either T points each at shared times (generated data, records cut
/// into pieces), or, for a record kept as measured, trajectories of their own lengths
/// and time stamps (`sharesTimes` false).
///
/// `states` and `derivatives` hold the points trajectory after trajectory, row-major
/// [points, n]; `layout` says which points are whose. With shared times this is
/// [N, T, n].
public struct TrajectorySet: Sendable, Equatable {
  public let trajectoryCount: Int
  /// Points per trajectory: T when they share their times; for trajectories of their own
  /// lengths the longest (use `layout` for each one's).
  public let pointCount: Int
  public let dimension: Int
  /// Which points belong to which trajectory.
  public let layout: TrajectoryLayout
  /// The T shared sampling times; empty when the trajectories have their own
  /// (`times(of:)` answers for both).
  public let times: [Double]
  /// Each point's time, trajectory after trajectory, when the trajectories have their own
  /// time stamps; empty when they share `times`.
  public let pointTimes: [Double]
  /// States, [points, n].
  public var states: [Double]
  /// Time derivatives ẋ at the states, [points, n].
  public var derivatives: [Double]
  /// One split label per trajectory.
  public var split: [TrajectorySplit]

  /// Trajectories sharing the T sampling `times`.
  /// - Throws: `NoetherError.shapeMismatch` when the arrays do not have the shapes
  ///   [N, T, n], [T] and [N].
  public init(
    times: [Double], states: [Double], derivatives: [Double], dimension: Int,
    split: [TrajectorySplit]
  ) throws {
    let (n, t) = (split.count, times.count)
    try Self.check(dimension: dimension, states: states, derivatives: derivatives, shape: [n, t, dimension])
    self.init(
      layout: TrajectoryLayout(count: n, length: t), longest: t, times: times, pointTimes: [],
      states: states, derivatives: derivatives, dimension: dimension, split: split)
  }

  /// Trajectories with their own time stamps, `times[k]` trajectory k's (strictly
  /// increasing); stored with shared times when every trajectory has the same ones.
  /// - Throws: `NoetherError.shapeMismatch` when the states and derivatives do not hold
  ///   Σ Tₖ points of `dimension` components, or `times` and `split` differ in count.
  public init(
    times: [[Double]], states: [Double], derivatives: [Double], dimension: Int,
    split: [TrajectorySplit]
  ) throws {
    guard times.count == split.count else {
      throw NoetherError.shapeMismatch(what: "times", expected: [split.count], actual: [times.count])
    }
    let layout = TrajectoryLayout(lengths: times.map(\.count))
    try Self.check(
      dimension: dimension, states: states, derivatives: derivatives, shape: [layout.pointCount, dimension])
    let shared = times.first.map { first in times.allSatisfy { $0 == first } } ?? true
    self.init(
      layout: layout, longest: layout.longestLength, times: shared ? times.first ?? [] : [],
      pointTimes: shared ? [] : times.flatMap { $0 }, states: states, derivatives: derivatives,
      dimension: dimension, split: split)
  }

  private init(
    layout: TrajectoryLayout, longest: Int, times: [Double], pointTimes: [Double], states: [Double],
    derivatives: [Double], dimension: Int, split: [TrajectorySplit]
  ) {
    (self.trajectoryCount, self.pointCount, self.dimension, self.layout) = (
      split.count, longest, dimension, layout
    )
    (self.times, self.pointTimes, self.states, self.derivatives) = (times, pointTimes, states, derivatives)
    self.split = split
  }

  private static func check(dimension: Int, states: [Double], derivatives: [Double], shape: [Int]) throws {
    guard dimension > 0 else {
      throw NoetherError.invalidParameter(
        name: "dimension", value: "\(dimension)", requirement: "must be at least 1")
    }
    guard states.count == shape.reduce(1, *) else {
      throw NoetherError.shapeMismatch(what: "states", expected: shape, actual: [states.count])
    }
    guard derivatives.count == states.count else {
      throw NoetherError.shapeMismatch(what: "derivatives", expected: shape, actual: [derivatives.count])
    }
  }

  /// True when every trajectory has the same sampling times (`times`).
  public var sharesTimes: Bool { pointTimes.isEmpty }
  /// The number of points over all trajectories.
  public var totalPointCount: Int { layout.pointCount }

  /// The points per trajectory for a person: `100`, or `17 to 445` when they differ.
  public var lengthText: String {
    layout.commonLength.map { "\($0)" } ?? "\(layout.shortestLength) to \(layout.longestLength)"
  }

  /// Each trajectory's duration, its last sampling time less its first.
  public var durations: [Double] {
    (0..<trajectoryCount).map { times(of: $0) }.map { ($0.last ?? 0) - ($0.first ?? 0) }
  }

  /// Trajectory k's sampling times.
  public func times(of k: Int) -> [Double] {
    sharesTimes ? times : Array(pointTimes[layout.range(k)])
  }

  /// The indices of the trajectories in `split`.
  public func indices(in split: TrajectorySplit) -> [Int] {
    self.split.indices.filter { self.split[$0] == split }
  }

  /// The trajectories at `indices`, in that order (with shared times when the chosen ones
  /// share theirs).
  public func selecting(_ indices: [Int]) -> TrajectorySet {
    let n = dimension
    var s = [Double]()
    var d = [Double]()
    let total = indices.reduce(0) { $0 + layout.length($1) } * n
    s.reserveCapacity(total)
    d.reserveCapacity(total)
    for i in indices {
      let range = layout.range(i)
      s.append(contentsOf: states[(range.lowerBound * n)..<(range.upperBound * n)])
      d.append(contentsOf: derivatives[(range.lowerBound * n)..<(range.upperBound * n)])
    }
    // Shapes are consistent by construction.
    if sharesTimes {
      return try! TrajectorySet(
        times: times, states: s, derivatives: d, dimension: n, split: indices.map { split[$0] })
    }
    return try! TrajectorySet(
      times: indices.map { times(of: $0) }, states: s, derivatives: d, dimension: n,
      split: indices.map { split[$0] })
  }

  /// The same trajectories, times and split with other values at every point (a change
  /// of coordinates, an encoding): `states` and `derivatives` hold [points, dimension].
  /// - Throws: `NoetherError.shapeMismatch` when they do not.
  public func withValues(states: [Double], derivatives: [Double], dimension: Int) throws -> TrajectorySet {
    if sharesTimes {
      return try TrajectorySet(
        times: times, states: states, derivatives: derivatives, dimension: dimension, split: split)
    }
    return try TrajectorySet(
      times: (0..<trajectoryCount).map { times(of: $0) }, states: states, derivatives: derivatives,
      dimension: dimension, split: split)
  }

  /// The training trajectories.
  public var training: TrajectorySet { selecting(indices(in: .train)) }
  /// The test trajectories.
  public var testing: TrajectorySet { selecting(indices(in: .test)) }

  /// Trajectory i's states.
  public func trajectory(_ i: Int) -> StateBatch {
    let range = layout.range(i)
    return StateBatch(
      count: range.count, dimension: dimension,
      values: Array(states[(range.lowerBound * dimension)..<(range.upperBound * dimension)]))
  }

  /// Every point of every trajectory.
  public var allStates: StateBatch {
    StateBatch(count: totalPointCount, dimension: dimension, values: states)
  }

  /// Every derivative of every trajectory, one row per point.
  public var allDerivatives: StateBatch {
    StateBatch(count: totalPointCount, dimension: dimension, values: derivatives)
  }
}
