/// Where each trajectory's points lie in a flat sequence of points: trajectory k holds
/// the points `range(k)`, in time order, and the trajectories follow one another.
///
/// Generated data and records cut into pieces have one length T for every trajectory
/// (points k·T ..< (k+1)·T); a record kept as measured may have trajectories of different
/// lengths (`commonLength` nil). Every per-trajectory loop of the library goes through a
/// layout, so both kinds take the same code, in the same order.
public struct TrajectoryLayout: Sendable, Equatable {
  /// `starts[k]` is trajectory k's first point; `starts[count]` the number of points.
  public let starts: [Int]

  /// Trajectories of the given lengths, one after another.
  /// - Precondition: every length is at least 0.
  public init(lengths: [Int]) {
    var starts = [0]
    starts.reserveCapacity(lengths.count + 1)
    for length in lengths { starts.append(starts.last! + length) }
    self.starts = starts
  }

  /// `count` trajectories of `length` points each.
  public init(count: Int, length: Int) {
    self.init(lengths: [Int](repeating: length, count: count))
  }

  /// The number of trajectories.
  public var count: Int { starts.count - 1 }
  /// The number of points over all trajectories.
  public var pointCount: Int { starts[starts.count - 1] }
  /// Trajectory k's points.
  public func range(_ k: Int) -> Range<Int> { starts[k]..<starts[k + 1] }
  /// Trajectory k's number of points.
  public func length(_ k: Int) -> Int { starts[k + 1] - starts[k] }
  /// Every trajectory's number of points.
  public var lengths: [Int] { (0..<count).map(length) }
  /// Every trajectory's points, in order.
  public var ranges: [Range<Int>] { (0..<count).map(range) }
  /// The length every trajectory has; nil when they differ. 0 for no trajectory.
  public var commonLength: Int? {
    guard count > 0 else { return 0 }
    let first = length(0)
    return (1..<count).allSatisfy { length($0) == first } ? first : nil
  }
  /// The shortest trajectory's number of points (0 for none).
  public var shortestLength: Int { lengths.min() ?? 0 }
  /// The longest trajectory's number of points (0 for none).
  public var longestLength: Int { lengths.max() ?? 0 }

  /// The trajectories at `indices`, in that order, packed one after another.
  public func selecting(_ indices: [Int]) -> TrajectoryLayout {
    TrajectoryLayout(lengths: indices.map(length))
  }

  /// The point indices of the trajectories at `indices`, in that order.
  public func points(of indices: [Int]) -> [Int] {
    indices.flatMap { Array(range($0)) }
  }
}
