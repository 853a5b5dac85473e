import Foundation
import NoetherCore

/// A test for slow drift along the trajectories, which the noise-ratio test cannot see.
///
/// The noise-ratio test compares a combination's total change along the data with the
/// noise's: a combination that drifts slowly by less than the noise on each trajectory
/// (the rigid body's w3·(w2² + 3 w3²) at σ = 0.1, where w3 barely moves) passes it with
/// λ ≈ 1. Its drift is smooth in time, the noise is not. On each trajectory the values
/// v are regressed on polynomials of degree 0…K in time (K = 3); with a the
/// coefficients of degrees 1…K (orthonormal basis) and r the residual,
/// Fₜ = (|a|²/K) / (|r|²/ν), ν = T − 1 − K, is F(K, ν)-distributed when v is a
/// constant plus white noise (each trajectory's own noise level cancels). Summed over
/// the trajectories and standardised with the F distribution's mean ν/(ν − 2) and
/// variance 2ν²(K + ν − 2) / (K (ν − 2)² (ν − 4)), z ≈ N(0, 1) for a true law; a
/// drifting combination scores far above. The test's score (`statistic`) is the larger
/// of that trend's z and the values' serial correlation (`SerialCorrelation`), which
/// also sees a change that repeats with the orbit. (The calibration on simulated noise
/// is `DriftTestTests`; the scores of true and spurious laws on the built-in systems are
/// in docs/discovery.md.)
struct DriftTest {
  /// The noise ratio λ below which a combination's drift is not held against it: its
  /// change along the data is under a thousandth of the stated noise's (in standard
  /// deviation), which measurements at that noise cannot resolve. Such a λ arises only
  /// when the data are far less noisy than stated (an exact simulation declared noisy),
  /// where the tests would otherwise judge the integrator's error against itself.
  static let resolvableNoiseRatio = 1e-6

  /// The polynomial degree in time of the drift tested.
  var order = 3

  /// The larger of the two scores: the polynomial trend (`trend`) and the values'
  /// serial correlation at lags 1…3 (`SerialCorrelation.statistic`: an oscillation with
  /// the orbit, which a trend of degree 3 does not follow over several periods). Nil when
  /// neither can be computed.
  func statistic(_ values: [Double], kept: [Bool], layout: TrajectoryLayout) -> Double? {
    [
      trend(values, kept: kept, layout: layout),
      SerialCorrelation.statistic(values, kept: kept, layout: layout),
    ]
    .compactMap { $0 }.max()
  }

  /// The trend's z over the trajectories with enough kept points (ν ≥ 5), or nil when none has.
  /// - Parameters:
  ///   - values: the combination at every point, trajectory after trajectory.
  ///   - kept: per point, whether it takes part (points where the noise model breaks
  ///     down are left out).
  ///   - layout: which points are whose trajectory.
  func trend(_ values: [Double], kept: [Bool], layout: TrajectoryLayout) -> Double? {
    let k = order
    var (sum, mean, variance) = (0.0, 0.0, 0.0)
    // Trajectories of one length with every point kept (the usual case) share one basis.
    var fullBases = [Int: [[Double]]]()
    for range in layout.ranges {
      let (start, steps) = (range.lowerBound, range.count)
      let offsets = (0..<steps).filter { kept[start + $0] }
      let nu = offsets.count - 1 - k
      guard nu >= 5 else { continue }
      let basis: [[Double]]
      if offsets.count == steps {
        let full = fullBases[steps] ?? polynomials(at: offsets, steps: steps)
        fullBases[steps] = full
        basis = full
      } else {
        basis = polynomials(at: offsets, steps: steps)
      }
      guard basis.count == k + 1 else { return nil }
      let v = offsets.map { values[start + $0] }
      let a = basis.map { q in zip(q, v).reduce(0) { $0 + $1.0 * $1.1 } }
      let drift = a.dropFirst().reduce(0) { $0 + $1 * $1 }
      var residual = 0.0
      for i in v.indices {
        var r = v[i]
        for (q, coefficient) in zip(basis, a) { r -= coefficient * q[i] }
        residual += r * r
      }
      // Values constant to rounding: nothing to test on this trajectory.
      let size = v.reduce(0) { $0 + $1 * $1 }
      guard residual > 1e-24 * size else { continue }
      let n = Double(nu)
      sum += (drift / Double(k)) / (residual / n)
      mean += n / (n - 2)
      variance += 2 * n * n * (Double(k) + n - 2) / (Double(k) * (n - 2) * (n - 2) * (n - 4))
    }
    guard variance > 0 else { return nil }
    return (sum - mean) / variance.squareRoot()
  }

  /// Orthonormal polynomials of degree 0…K over the points at `offsets` of a trajectory
  /// of `steps` points (times in [−1, 1]), by modified Gram–Schmidt, twice; fewer than
  /// K + 1 when the points cannot carry them.
  private func polynomials(at offsets: [Int], steps: Int) -> [[Double]] {
    let times = offsets.map { 2 * Double($0) / Double(max(steps - 1, 1)) - 1 }
    var basis = [[Double]]()
    for degree in 0...order {
      var column = times.map { pow($0, Double(degree)) }
      for _ in 0..<2 {
        for q in basis {
          let dot = zip(q, column).reduce(0) { $0 + $1.0 * $1.1 }
          for i in column.indices { column[i] -= dot * q[i] }
        }
      }
      let norm = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard norm > 0 else { break }
      basis.append(column.map { $0 / norm })
    }
    return basis
  }
}
