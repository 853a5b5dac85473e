import Foundation

/// How an axis maps values to positions.
public enum AxisScale: Sendable {
  case linear
  /// Base-10 logarithmic; only positive values are drawn.
  case logarithmic
}

/// One axis: a scale, a closed range [lower, upper] that covers the data, and its ticks.
///
/// Linear ranges are widened to multiples of a "nice" step (1, 2 or 5 × 10ᵏ); logarithmic
/// ranges to whole decades, with a tick at every decade.
public struct Axis: Sendable {
  public let scale: AxisScale
  public let lower: Double
  public let upper: Double
  public let ticks: [Double]

  /// An axis covering the finite values of `data` (the positive ones on a log axis).
  /// With no usable value the range is [0, 1] (linear) or [0.1, 1] (logarithmic).
  public init(covering data: [Double], scale: AxisScale = .linear) {
    self.scale = scale
    let usable = data.filter { $0.isFinite && (scale == .linear || $0 > 0) }
    switch scale {
    case .linear:
      var low = usable.min() ?? 0
      var high = usable.max() ?? 1
      if high - low < 1e-12 * max(1, abs(high)) {
        low -= max(0.5, abs(low) * 0.1)
        high += max(0.5, abs(high) * 0.1)
      }
      let step = Self.niceStep((high - low) / 5)
      low = (low / step).rounded(.down) * step
      high = (high / step).rounded(.up) * step
      lower = low
      upper = high
      let count = Int(((high - low) / step).rounded())
      ticks = (0...count).map { low + Double($0) * step }
    case .logarithmic:
      let low = floor(log10(usable.min() ?? 0.1))
      var high = max(ceil(log10(usable.max() ?? 1)), low + 1)
      // At most about eight labelled decades: a tick every `every` decades.
      let every = max(1, ((high - low) / 8).rounded(.up))
      high = low + ((high - low) / every).rounded(.up) * every
      lower = pow(10, low)
      upper = pow(10, high)
      ticks = Swift.stride(from: low, through: high + 0.5, by: every).map { pow(10, $0) }
    }
  }

  /// The smallest of 1, 2, 5 × 10ᵏ not below `rough` / 1.5 (so 0.58 gives 0.5, not 1).
  static func niceStep(_ rough: Double) -> Double {
    guard rough > 0, rough.isFinite else { return 1 }
    let target = rough / 1.5
    let magnitude = pow(10, floor(log10(target)))
    for factor in [1.0, 2, 5, 10] where factor * magnitude >= target * (1 - 1e-12) {
      return factor * magnitude
    }
    return 10 * magnitude
  }

  /// Where `value` falls in [0, 1] along the axis (nil if it cannot be drawn).
  public func fraction(_ value: Double) -> Double? {
    guard value.isFinite else { return nil }
    switch scale {
    case .linear: return (value - lower) / (upper - lower)
    case .logarithmic:
      guard value > 0 else { return nil }
      return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
    }
  }

  /// A tick's label: `10^k` as "1e-3" on log axes; on linear axes as many decimals as
  /// the tick step needs (0.0012, 0.0013), in scientific notation for values below 1e-3
  /// or from 1e5 up.
  public func label(_ tick: Double) -> String {
    switch scale {
    case .logarithmic:
      let k = Int(log10(tick).rounded())
      return k == 0 ? "1" : k == 1 ? "10" : "1e\(k)"
    case .linear:
      let step = ticks.count > 1 ? ticks[1] - ticks[0] : max(abs(upper - lower), 1)
      if abs(tick) < 1e-9 * step { return "0" }
      let largest = max(abs(lower), abs(upper))
      let stepExponent = Int(floor(log10(step)))
      if largest >= 1e5 || largest < 1e-3 {
        // Scientific, with as many mantissa digits as the step needs (1.2e-05, 1.3e-05).
        let digits = min(max(Int(floor(log10(largest))) - stepExponent, 0), 6)
        return String(format: "%.\(digits)e", tick)
      }
      return String(format: "%.\(min(max(-stepExponent, 0), 10))f", tick)
    }
  }
}
