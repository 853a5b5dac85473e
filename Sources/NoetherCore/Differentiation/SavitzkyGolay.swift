/// Savitzky–Golay differentiation: at each sample, the least-squares polynomial of degree
/// `order` through the `window` samples around it (shifted inwards at the ends), and
/// that polynomial's slope at the sample. Works on uneven grids (each fit is in the
/// sample's own time offsets).
///
/// With `window` nil the window follows the noise (the discrepancy principle): the
/// widest window, up to 101 samples, whose fitted values stay within the noise level of
/// the data, that is whose mean squared residual, in units of each component's σ², is
/// at most what noise alone would leave (the mean of 1 − Hₖₖ, Hₖₖ a sample's own weight
/// in its fitted value) plus ``tolerance``. σ is `noise` when given (a data file's own
/// level), else estimated from the data (``estimatedNoise(of:dimension:times:)``). Noise-free
/// data get the narrowest window, `order` + 2 samples (+ 1 for an even order).
public struct SavitzkyGolay: Differentiation {
  /// Samples per fit (odd, > order); nil: chosen from the noise.
  public var window: Int?
  /// The fitted polynomials' degree.
  public var order: Int
  /// The states' noise σ; nil: estimated from each trajectory.
  public var noise: Double?
  /// σ per state component, stated (`withNoise(byComponent:)`); used instead of `noise`
  /// for states of that many components.
  public var componentNoise: [Double]?

  public init(window: Int? = nil, order: Int = 3, noise: Double? = nil) {
    self.window = window
    self.order = order
    self.noise = noise
  }

  public var name: String {
    "savitzky-golay:order=\(order)" + (window.map { ",window=\($0)" } ?? "")
  }

  public func withNoise(byComponent sigma: [Double]) -> any Differentiation {
    var copy = self
    copy.componentNoise = sigma
    return copy
  }

  public func derivatives(of states: [Double], dimension n: Int, times: [Double]) -> [Double] {
    let count = times.count
    guard count > order + 1, states.count == count * n else {
      return FiniteDifference().derivatives(of: states, dimension: n, times: times)
    }
    if let window {
      return fit(states, n, times, window: min(max(window | 1, order + 2), count)).slopes
    }
    let sigma = noiseLevels(of: states, dimension: n, times: times, stated: componentNoise, uniform: noise)
    var width = order + 2 + (order % 2 == 0 ? 1 : 0)
    var best = fit(states, n, times, window: min(width, count))
    guard sigma.contains(where: { $0 > 0 }) else { return best.slopes }
    while width + 2 <= min(count, 101) {
      width += 2
      let candidate = fit(states, n, times, window: width)
      if meanSquaredResidual(candidate.values, states, n, sigma) > candidate.noiseResidual + Self.tolerance {
        break
      }
      best = candidate
    }
    return best.slopes
  }

  /// The mean of ((fit − data)/σⱼ)² over the components with σⱼ > 0.
  private func meanSquaredResidual(_ fitted: [Double], _ states: [Double], _ n: Int, _ sigma: [Double])
    -> Double
  {
    var sum = 0.0
    var terms = 0
    for (index, value) in fitted.enumerated() where sigma[index % n] > 0 {
      let r = (value - states[index]) / sigma[index % n]
      sum += r * r
      terms += 1
    }
    return terms == 0 ? 0 : sum / Double(terms)
  }

  /// The fitted values and slopes at every sample for one window width, and the mean
  /// squared residual (in units of σ²) that noise alone would leave, the mean of 1 − Hₖₖ.
  private func fit(_ states: [Double], _ n: Int, _ times: [Double], window: Int) -> (
    values: [Double], slopes: [Double], noiseResidual: Double
  ) {
    var noiseResidual = 0.0
    let count = times.count
    var values = [Double](repeating: 0, count: states.count)
    var slopes = [Double](repeating: 0, count: states.count)
    let half = window / 2
    // On an even grid the weights depend only on the sample's place in its window.
    let step = (times[count - 1] - times[0]) / Double(count - 1)
    let even = (1..<count).allSatisfy { abs(times[$0] - times[$0 - 1] - step) <= 1e-9 * step }
    var cache = [(value: [Double], slope: [Double])?](repeating: nil, count: window)
    for k in 0..<count {
      let first = min(max(k - half, 0), count - window)
      let place = k - first
      let weights: (value: [Double], slope: [Double])
      if even, let cached = cache[place] {
        weights = cached
      } else {
        guard let computed = self.weights(times, first: first, window: window, at: k) else { continue }
        weights = computed
        if even { cache[place] = computed }
      }
      noiseResidual += 1 - weights.value[place]
      for i in 0..<window {
        let (valueWeight, slopeWeight) = (weights.value[i], weights.slope[i])
        for j in 0..<n {
          let x = states[(first + i) * n + j]
          values[k * n + j] += valueWeight * x
          slopes[k * n + j] += slopeWeight * x
        }
      }
    }
    return (values, slopes, noiseResidual / Double(count))
  }

  /// The weights of the window's samples in the fitted value and slope at tₖ: rows 0 and
  /// 1 of (VᵀV)⁻¹Vᵀ for the fit in s = (t − tₖ)/scale (the slope's ÷ scale); nil when the
  /// normal equations are singular.
  private func weights(_ times: [Double], first: Int, window: Int, at k: Int) -> (
    value: [Double], slope: [Double]
  )? {
    let terms = order + 1
    let scale = max((times[first + window - 1] - times[first]) / 2, .leastNormalMagnitude)
    var gram = [Double](repeating: 0, count: terms * terms)
    var powers = [Double](repeating: 0, count: window * terms)
    for i in 0..<window {
      let s = (times[first + i] - times[k]) / scale
      var p = 1.0
      for a in 0..<terms {
        powers[i * terms + a] = p
        p *= s
      }
    }
    for a in 0..<terms {
      for b in 0..<terms {
        var sum = 0.0
        for i in 0..<window { sum += powers[i * terms + a] * powers[i * terms + b] }
        gram[a * terms + b] = sum
      }
    }
    guard let inverse = Self.invert(gram, terms) else { return nil }
    var value = [Double](repeating: 0, count: window)
    var slope = [Double](repeating: 0, count: window)
    for i in 0..<window {
      for a in 0..<terms {
        value[i] += inverse[a] * powers[i * terms + a]
        slope[i] += inverse[terms + a] * powers[i * terms + a]
      }
      slope[i] /= scale
    }
    return (value, slope)
  }

  /// How far the squared residual (in units of σ²) may exceed what noise alone leaves,
  /// the mean of 1 − Hₖₖ (Hₖₖ: a sample's own weight in its fitted value), before the window is taken to smooth away signal: a margin
  /// for the error of an estimated σ (about 8 % on 200 samples, 16 % in σ²).
  public static var tolerance: Double { 0.25 }

  /// The inverse of a small symmetric positive definite matrix (Gauss–Jordan with
  /// partial pivoting), nil when singular.
  static func invert(_ matrix: [Double], _ size: Int) -> [Double]? {
    var a = matrix
    var inverse = [Double](repeating: 0, count: size * size)
    for i in 0..<size { inverse[i * size + i] = 1 }
    for column in 0..<size {
      guard
        let pivot = (column..<size).max(by: { abs(a[$0 * size + column]) < abs(a[$1 * size + column]) }),
        abs(a[pivot * size + column]) > 1e-300
      else { return nil }
      for c in 0..<size {
        a.swapAt(column * size + c, pivot * size + c)
        inverse.swapAt(column * size + c, pivot * size + c)
      }
      let scale = 1 / a[column * size + column]
      for c in 0..<size {
        a[column * size + c] *= scale
        inverse[column * size + c] *= scale
      }
      for row in 0..<size where row != column {
        let factor = a[row * size + column]
        guard factor != 0 else { continue }
        for c in 0..<size {
          a[row * size + c] -= factor * a[column * size + c]
          inverse[row * size + c] -= factor * inverse[column * size + c]
        }
      }
    }
    return inverse
  }
}
