/// What a metric measures on one run.
public struct MetricValues: Sendable {
  /// Values by column key.
  public var values: [String: Double]
  /// Curves over the evaluation times by name (drawn by the report with every method on one plot).
  public var curves: [String: [Double]]
  /// Remarks about this run, printed under the table as "method, seed s: note".
  public var notes: [String]

  public init(values: [String: Double] = [:], curves: [String: [Double]] = [:], notes: [String] = []) {
    self.values = values
    self.curves = curves
    self.notes = notes
  }

  /// Per key, the samples-weighted mean over the parts that have it; notes once each, in
  /// order; no curves (``ComparisonMetric/combine(_:)``'s default).
  public static func weightedMean(_ parts: [(values: MetricValues, samples: Int)]) -> MetricValues {
    var sums = [String: (value: Double, weight: Double)]()
    var notes = [String]()
    for (part, samples) in parts {
      for (key, value) in part.values {
        let sum = sums[key, default: (0, 0)]
        sums[key] = (sum.value + Double(samples) * value, sum.weight + Double(samples))
      }
      for note in part.notes where !notes.contains(note) { notes.append(note) }
    }
    return MetricValues(
      values: sums.mapValues { $0.weight > 0 ? $0.value / $0.weight : .nan }, notes: notes)
  }

  /// Per key, the largest value over the parts that have it (NaN when any is NaN); notes
  /// once each, in order; no curves.
  public static func largest(_ parts: [(values: MetricValues, samples: Int)]) -> MetricValues {
    var out = MetricValues()
    for (part, _) in parts {
      for (key, value) in part.values {
        let held = out.values[key] ?? -.infinity
        out.values[key] = value.isNaN || held.isNaN ? .nan : max(held, value)
      }
      for note in part.notes where !out.notes.contains(note) { out.notes.append(note) }
    }
    return out
  }
}
