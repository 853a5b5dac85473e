extension Solution {
  /// The trajectories at `indices`, in that order, with this solution's times, status
  /// and counts.
  public func selecting(_ indices: [Int]) -> Solution {
    var out = Solution(times: times, count: indices.count, dimension: dimension)
    let size = times.count * dimension
    var states = [Double]()
    states.reserveCapacity(indices.count * size)
    for i in indices { states.append(contentsOf: self.states[(i * size)..<((i + 1) * size)]) }
    out.states = states
    out.status = status
    out.steps = steps
    out.evaluations = evaluations
    return out
  }

  /// The trajectories of `parts` one after another (all at the same times and dimension);
  /// the status is the first part's that did not succeed, steps and evaluations summed.
  public static func joining(_ parts: [Solution], times: [Double], dimension: Int) -> Solution {
    var out = Solution(times: times, count: parts.reduce(0) { $0 + $1.count }, dimension: dimension)
    out.states = parts.flatMap(\.states)
    out.status = parts.first { !$0.status.succeeded }?.status ?? .success
    out.steps = parts.reduce(0) { $0 + $1.steps }
    out.evaluations = parts.reduce(0) { $0 + $1.evaluations }
    return out
  }
}
