import NoetherCore
import NoetherLearning

/// Figures of one combination's values along the data, which screening and the report use.
enum LawStatistics {
  /// Within-trajectory RMS spread over the across-trajectory spread (or over |mean| when
  /// the trajectories share one value).
  static func spread(_ values: [Double], layout: TrajectoryLayout) -> Double {
    spread(values, kept: [Bool](repeating: true, count: layout.pointCount), layout: layout)
  }

  /// The same over the points in `kept` (trajectories with fewer than 2 of them take no
  /// part; NaN when none does): the held-out fold's spread (`HeldOutCheck`).
  static func spread(_ values: [Double], kept: [Bool], layout: TrajectoryLayout) -> Double {
    var (within, count) = (0.0, 0)
    var means = [Double]()
    for range in layout.ranges {
      let points = range.filter { kept[$0] }
      guard points.count >= 2 else { continue }
      let mean = points.reduce(0.0) { $0 + values[$1] } / Double(points.count)
      means.append(mean)
      within += points.reduce(0.0) { $0 + (values[$1] - mean) * (values[$1] - mean) }
      count += points.count
    }
    guard count > 0 else { return .nan }
    within = (within / Double(count)).squareRoot()
    let grand = means.reduce(0, +) / Double(means.count)
    let across = (means.reduce(0) { $0 + ($1 - grand) * ($1 - grand) } / Double(means.count)).squareRoot()
    return within / max(across, 1e-6 * abs(grand), 1e-300)
  }

  /// Θ·c's RMS against Σⱼ |cⱼ|·rms(θⱼ), and whether it is below 1 % (its terms cancel at
  /// every point: a direction the data do not excite, not a law).
  static func vanishing(_ values: [Double], _ c: [Double], theta: [Double], terms p: Int) -> (
    vanishes: Bool, ratio: Double
  ) {
    let rows = Double(theta.count / p)
    var size = 0.0
    for j in 0..<p where c[j] != 0 {
      var sum2 = 0.0
      for i in 0..<(theta.count / p) { sum2 += theta[i * p + j] * theta[i * p + j] }
      size += abs(c[j]) * (sum2 / rows).squareRoot()
    }
    let rms = (values.reduce(0) { $0 + $1 * $1 } / rows).squareRoot()
    return (rms < 0.01 * size, rms / size)
  }

  /// R² of `target` on all monomials of degree 1–3 in the given invariants' values (with
  /// an intercept); 0 when the fit fails.
  ///
  /// Laws take one value per trajectory, so their values are only `distinctPoints` points:
  /// a polynomial with as many coefficients interpolates any target through them (R² = 1
  /// whatever the target). The degree stops below that (fewer coefficients than points),
  /// and with not even the linear terms below it the fit is not tried (R² 0: nothing is
  /// called dependent that the data cannot tell apart).
  static func fitOnPolynomials(_ target: [Double], of invariants: [[Double]], distinctPoints: Int = .max)
    -> Double
  {
    let k = invariants.count
    var monomials = [[Int]]()
    var frontier: [[Int]] = [[]]
    for _ in 1...3 {
      frontier = frontier.flatMap { m in ((m.last ?? 0)..<k).map { m + [$0] } }
      guard monomials.count + frontier.count + 1 < distinctPoints else { break }
      monomials += frontier
    }
    guard !monomials.isEmpty else { return 0 }
    let rows = target.count
    var features = [Double](repeating: 1, count: rows * monomials.count)
    for i in 0..<rows {
      for (c, m) in monomials.enumerated() {
        var v = 1.0
        for j in m { v *= invariants[j][i] }
        features[i * monomials.count + c] = v
      }
    }
    return
      (try? coefficientOfDetermination(target: target, features: features, featureCount: monomials.count))
      ?? 0
  }

  /// R² of a linear fit (with intercept) of `target` on one other combination's values; 0
  /// when it fails.
  static func linearR2(_ target: [Double], on values: [Double]) -> Double {
    (try? coefficientOfDetermination(target: target, features: values, featureCount: 1)) ?? 0
  }
}
