/// The drift of an invariant along trajectories: how far C(x(t)) moves from C(x(0)).
public struct InvariantDrift: Sendable, Equatable {
  /// The invariant's name.
  public let name: String
  /// max over trajectories and times of |C(x(t)) − C(x(0))|.
  public let maximumAbsolute: Double
  /// max over trajectories of max_t |C(x(t)) − C(x(0))| / max(|C(x(0))|, tiny).
  public let maximumRelative: Double
  /// Mean over trajectories and times of (C(x(t)) − C(x(0)))².
  public let meanSquared: Double

  /// Measures the drift of `invariant` along `trajectories`.
  public init(of invariant: KnownInvariant, along trajectories: TrajectorySet) {
    let values = invariant.values(at: trajectories.allStates)
    self.init(name: invariant.name, values: values, layout: trajectories.layout)
  }

  /// Measures the drift from values C [N, T] of one invariant.
  public init(name: String, values: [Double], pointCount t: Int) {
    self.init(
      name: name, values: values, layout: TrajectoryLayout(count: t > 0 ? values.count / t : 0, length: t))
  }

  /// Measures the drift from values of one invariant at the points of `layout`.
  public init(name: String, values: [Double], layout: TrajectoryLayout) {
    self.name = name
    var maxAbs = 0.0
    var maxRel = 0.0
    var sumSquares = 0.0
    for range in layout.ranges where !range.isEmpty {
      let c0 = values[range.lowerBound]
      for k in range {
        let d = values[k] - c0
        maxAbs = max(maxAbs, abs(d))
        maxRel = max(maxRel, abs(d) / max(abs(c0), 1e-300))
        sumSquares += d * d
      }
    }
    maximumAbsolute = maxAbs
    maximumRelative = maxRel
    meanSquared = layout.pointCount > 0 ? sumSquares / Double(layout.pointCount) : 0
  }
}
