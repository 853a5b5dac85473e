import NoetherCore
import NoetherStore

/// Evaluation trajectories that share one time grid, rolled out and measured together.
///
/// Drawn initial states and test trajectories that share their times make one group.
/// Test trajectories with their own time stamps (a record imported with `--gaps keep`)
/// make one group per distinct grid, each rolled out at its own measured times; the
/// metrics of the groups are combined by ``ComparisonMetric/combine(_:)``.
public struct EvaluationGroup: Sendable {
  /// Their positions among all the evaluation trajectories.
  public let members: [Int]
  /// Their first states, from which each model is rolled out.
  public let initial: StateBatch
  /// The truth at the group's times, [members, T, n].
  public let truth: Solution

  public init(members: [Int], initial: StateBatch, truth: Solution) {
    self.members = members
    self.initial = initial
    self.truth = truth
  }

  /// The measured states and times of `test`, one group per distinct time grid, in the
  /// order the grids first appear (one group when the trajectories share their times).
  static func groups(of test: TrajectorySet) -> [EvaluationGroup] {
    var grids = [[Double]]()
    var members = [[Int]]()
    for k in 0..<test.trajectoryCount {
      let times = test.times(of: k)
      if let g = grids.firstIndex(of: times) {
        members[g].append(k)
      } else {
        grids.append(times)
        members.append([k])
      }
    }
    return zip(grids, members).map { times, indices in
      let part = test.selecting(indices)
      var truth = Solution(times: times, count: indices.count, dimension: test.dimension)
      truth.states = part.states
      return EvaluationGroup(members: indices, initial: truth.states(atTimeIndex: 0), truth: truth)
    }
  }

  /// The values of every group's trajectories in member order, [count, T_max, width],
  /// NaN past each trajectory's own length (`parts[g]`: group g's values,
  /// [members, T_g, width]; `RaggedPadding`).
  static func padded(_ parts: [[Double]], of groups: [EvaluationGroup], width: Int) -> [Double] {
    var rows = [ArraySlice<Double>](repeating: [], count: groups.reduce(0) { $0 + $1.members.count })
    for (group, values) in zip(groups, parts) {
      let row = group.truth.times.count * width
      for (i, member) in group.members.enumerated() { rows[member] = values[(i * row)..<((i + 1) * row)] }
    }
    return RaggedPadding.padded(
      Array(rows.joined()), layout: TrajectoryLayout(lengths: rows.map { $0.count / width }), width: width)
  }

  /// Each trajectory's times in member order (`EvaluationGroup.groups` undone).
  static func timeRows(of groups: [EvaluationGroup]) -> [[Double]] {
    var rows = [[Double]](repeating: [], count: groups.reduce(0) { $0 + $1.members.count })
    for group in groups { for member in group.members { rows[member] = group.truth.times } }
    return rows
  }
}
