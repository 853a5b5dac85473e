import NoetherCore

/// A record split within each trajectory rather than between them (`noether import
/// --split samples`, the Hamiltonian-neural-network paper's split of its real pendulum:
/// the first 445 of 556 samples train, the last 111 test): each trajectory of T samples
/// becomes a training trajectory of its first T − m samples and a test trajectory of its
/// last m = round(f·T), each with its own times counted from its start.
enum SampleSplit {
  /// The trajectories of `set` cut at 1 − `fraction` of their samples, training part and
  /// test part in turn; states and derivatives unchanged (estimated on the whole
  /// trajectory before the cut).
  /// - Throws: `NoetherError.invalidParameter` for a trajectory too short to leave 2
  ///   samples on each side.
  static func split(_ set: TrajectorySet, testFraction fraction: Double) throws -> (
    set: TrajectorySet, summary: String
  ) {
    let n = set.dimension
    var (times, states, derivatives, split) = ([[Double]](), [Double](), [Double](), [TrajectorySplit]())
    var tested = [Int]()
    for k in 0..<set.trajectoryCount {
      let (range, own) = (set.layout.range(k), set.times(of: k))
      let test = min(max(Int((fraction * Double(range.count)).rounded()), 2), range.count - 2)
      guard range.count >= 4 else {
        throw NoetherError.invalidParameter(
          name: "--split samples", value: "trajectory \(k + 1) of \(range.count) samples",
          requirement:
            "needs at least 4 samples in every trajectory, 2 to train and 2 to test; split by trajectories")
      }
      let cut = range.count - test
      for (part, label) in [(0..<cut, TrajectorySplit.train), (cut..<range.count, .test)] {
        times.append(part.map { own[$0] - own[part.lowerBound] })
        let points = (range.lowerBound + part.lowerBound) * n..<(range.lowerBound + part.upperBound) * n
        states += set.states[points]
        derivatives += set.derivatives[points]
        split.append(label)
      }
      tested.append(test)
    }
    let total = set.totalPointCount
    let summary =
      "split by samples: each trajectory's last \(fraction) of its samples for testing (\(tested.reduce(0, +)) of \(total); \(tested.count == 1 ? "\(total - tested[0]) train, \(tested[0]) test" : "\(tested.count) test trajectories"))"
    return (
      try TrajectorySet(times: times, states: states, derivatives: derivatives, dimension: n, split: split),
      summary
    )
  }
}
