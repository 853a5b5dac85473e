import CBLAS
import NoetherCore

/// A test for change along the trajectories that is smooth on the sampling's scale —
/// an oscillation with the orbit, which neither the noise-ratio test (when it stays
/// within the noise) nor a polynomial trend in time (when it repeats) can see.
///
/// The noise is independent from point to point; a conserved combination's values,
/// centred on each trajectory's mean, are that noise, so their autocorrelation at lags
/// 1…L is zero but for the centring's −1/T. A combination that changes smoothly (period
/// longer than a few samples) is positively correlated at those lags, even where its
/// swing stays within the noise and its noise ratio passes.
enum SerialCorrelation {
  /// The lags tested together.
  static let lags = 3

  /// Σₗ Σᵢ ½(rᵢ rᵢ₊ₗᵀ + rᵢ₊ₗ rᵢᵀ) for l = 1…`lags` over consecutive points of each
  /// trajectory (rows i and i + l both of one trajectory; zero rows, points left out,
  /// add nothing): a p × p row-major matrix, cᵀ·it·c the lagged products of Θ·c.
  static func lagProducts(_ rows: [Double], layout: TrajectoryLayout, columns p: Int) -> [Double] {
    var out = [Double](repeating: 0, count: p * p)
    for lag in 1...lags where lag < layout.longestLength {
      // A = rows 0…Tₜ−1−l of every trajectory t, B = rows l…Tₜ−1.
      let pairs = layout.ranges.reduce(0) { $0 + max($1.count - lag, 0) }
      var a = [Double](repeating: 0, count: pairs * p)
      var b = [Double](repeating: 0, count: pairs * p)
      var row = 0
      for range in layout.ranges where range.count > lag {
        for i in range.lowerBound..<(range.upperBound - lag) {
          for c in 0..<p {
            a[row * p + c] = rows[i * p + c]
            b[row * p + c] = rows[(i + lag) * p + c]
          }
          row += 1
        }
      }
      var product = [Double](repeating: 0, count: p * p)
      cblas_dgemm(
        CblasRowMajor, CblasTrans, CblasNoTrans, Int32(p), Int32(p), Int32(pairs), 1, a, Int32(p), b,
        Int32(p), 0, &product, Int32(p))
      for i in 0..<p { for j in 0..<p { out[i * p + j] += 0.5 * (product[i * p + j] + product[j * p + i]) } }
    }
    return out
  }

  /// The standardised score of the values' autocorrelation at lags 1…L (about N(0, 1)
  /// for a constant plus independent noise, of any level along the trajectory; large
  /// and positive for a smooth change). Per lag l, with e the values minus each
  /// trajectory's mean over its kept points and T its kept points:
  /// zₗ = Σₜ (Σᵢ eᵢeᵢ₊ₗ + Σᵢ eᵢ²/T) / √(Σₜ Σᵢ eᵢ² eᵢ₊ₗ²) (the centring's bias added back;
  /// the variance estimated from the products themselves, so that noise whose size
  /// changes along the orbit is allowed for); z = Σₗ zₗ / √L. Nil when no trajectory has
  /// 10 kept points.
  static func statistic(_ values: [Double], kept: [Bool], layout: TrajectoryLayout) -> Double? {
    var sums = [Double](repeating: 0, count: lags)
    var variances = [Double](repeating: 0, count: lags)
    for range in layout.ranges {
      let (start, steps) = (range.lowerBound, range.count)
      let offsets = (0..<steps).filter { kept[start + $0] }
      guard offsets.count >= 10 else { continue }
      let mean = offsets.reduce(0.0) { $0 + values[start + $1] } / Double(offsets.count)
      var e = [Double](repeating: .nan, count: steps)
      var power = 0.0
      for k in offsets {
        e[k] = values[start + k] - mean
        power += e[k] * e[k]
      }
      for lag in 1...lags where lag < steps {
        var (sum, variance) = (0.0, 0.0)
        for i in 0..<(steps - lag) where kept[start + i] && kept[start + i + lag] {
          sum += e[i] * e[i + lag]
          variance += e[i] * e[i] * e[i + lag] * e[i + lag]
        }
        sums[lag - 1] += sum + power / Double(offsets.count)
        variances[lag - 1] += variance
      }
    }
    let scores = zip(sums, variances).filter { $0.1 > 0 }.map { $0.0 / $0.1.squareRoot() }
    guard !scores.isEmpty else { return nil }
    return scores.reduce(0, +) / Double(scores.count).squareRoot()
  }
}
