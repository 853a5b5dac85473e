import NoetherCore

/// A combination's mean on each trajectory, set against the scatter of its values within
/// the trajectory (for a conserved combination, that scatter is its noise, whatever the
/// noise model says).
///
/// With mₜ the mean of the Tₜ kept values of trajectory t and sₜ² = Σᵢ (vᵢ − mₜ)² / (Tₜ − 1):
/// - `sizeAgainstNoise` = Σₜ Tₜ mₜ² / Σₜ sₜ²: about 1 (within √(2/N), N trajectories)
///   when every mean is zero but for noise, large when the means stand out — a law's
///   values need not exceed the noise at any one point if their means do;
/// - `spreadAgainstNoise` = [Σₜ Tₜ (mₜ − m̄)² / (N − 1)] / [Σₜ (Tₜ − 1) sₜ² / Σₜ (Tₜ − 1)]
///   (m̄ weighted by Tₜ): one-way analysis of variance, F(N − 1, Σ(Tₜ − 1))-distributed
///   when the trajectories share one value (S + I + R = 1 on every SIR trajectory).
struct TrajectoryMeans {
  private var means = [(mean: Double, points: Double, scatter: Double)]()

  /// - Parameters:
  ///   - values: the combination at every point, trajectory after trajectory.
  ///   - kept: per point, whether it takes part; trajectories with fewer than 2 kept
  ///     points take none.
  ///   - layout: which points are whose trajectory.
  init(_ values: [Double], kept: [Bool], layout: TrajectoryLayout) {
    for range in layout.ranges {
      let points = range.filter { kept[$0] }
      guard points.count >= 2 else { continue }
      let mean = points.reduce(0.0) { $0 + values[$1] } / Double(points.count)
      let scatter = points.reduce(0.0) { $0 + (values[$1] - mean) * (values[$1] - mean) }
      means.append((mean, Double(points.count), scatter))
    }
  }

  /// The trajectories taking part.
  var count: Int { means.count }

  /// Σₜ Tₜ mₜ² / Σₜ sₜ² (NaN without trajectories or scatter).
  var sizeAgainstNoise: Double {
    let size = means.reduce(0.0) { $0 + $1.points * $1.mean * $1.mean }
    let noise = means.reduce(0.0) { $0 + $1.scatter / ($1.points - 1) }
    return noise > 0 ? size / noise : .nan
  }

  /// The analysis of variance's F (NaN with fewer than 2 trajectories or no scatter).
  var spreadAgainstNoise: Double {
    guard means.count >= 2 else { return .nan }
    let total = means.reduce(0.0) { $0 + $1.points }
    let grand = means.reduce(0.0) { $0 + $1.points * $1.mean } / total
    let across = means.reduce(0.0) { $0 + $1.points * ($1.mean - grand) * ($1.mean - grand) }
    let within = means.reduce(0.0) { $0 + $1.scatter }
    let dof = total - Double(means.count)
    guard within > 0 else { return .nan }
    return (across / Double(means.count - 1)) / (within / dof)
  }

  /// The limit of either ratio for a law at significance z: 1 + z·√(2/(N − 1)).
  func limit(significance z: Double) -> Double {
    1 + z * (2 / Double(max(means.count - 1, 1))).squareRoot()
  }

  /// True when the trajectories' means differ no more than the scatter within them
  /// allows (`spreadAgainstNoise` at most its limit, with at least 2 trajectories): S + I + R
  /// on the SIR data, not an energy whose noise at σ = 0.1 exceeds its spread across
  /// trajectories.
  func shareOneValue(significance: Double) -> Bool {
    count >= 2 && !(spreadAgainstNoise > limit(significance: significance))
  }
}
