import NoetherCore

/// How many evaluation rollouts leave the data: go beyond twice the largest ‖x‖ of the
/// data set and the truth (``RolloutReach``), and how far any rollout reached. Not a
/// table column; a note under the table names each run whose rollouts left.
public struct RolloutsOutsideData: ComparisonMetric {
  public static let countKey = "rollouts_outside_data"
  public static let reachKey = "rollout_reach"
  /// A rollout leaves the data beyond `factor` times the largest known ‖x‖.
  public var factor: Double

  public init(factor: Double = 2) { self.factor = factor }

  public func columns(for system: any DynamicalSystem) -> [MetricColumn] { Self.columns }

  static let columns = [
    MetricColumn(key: countKey, header: "rollouts outside data", summary: .total, shownInTable: false),
    MetricColumn(key: reachKey, header: "largest rollout ‖x‖", shownInTable: false),
  ]

  public func measure(_ evaluation: RunEvaluation) -> MetricValues {
    let reach = RolloutReach(knownRadius: evaluation.knownRadius, factor: factor)
    let (outside, farthest) = reach.assess(evaluation.rollout)
    var result = MetricValues(values: [Self.countKey: Double(outside), Self.reachKey: farthest])
    if outside > 0 { result.notes.append(Self.note(count: outside, reach: farthest)) }
    return result
  }

  /// The count summed over the groups and the farthest reach of any, with one note.
  public func combine(_ parts: [(values: MetricValues, samples: Int)]) -> MetricValues {
    let count = parts.reduce(0) { $0 + Int($1.values.values[Self.countKey] ?? 0) }
    let reach = MetricValues.largest(parts).values[Self.reachKey] ?? 0
    var result = MetricValues(values: [Self.countKey: Double(count), Self.reachKey: reach])
    if count > 0 { result.notes.append(Self.note(count: count, reach: reach)) }
    return result
  }

  /// "k evaluation rollout(s) left the data (…; ‖x‖ reached r)".
  static func note(count: Int, reach: Double) -> String {
    "\(count) evaluation rollout(s) left the data (beyond twice the largest ‖x‖ of the data set and the truth; ‖x‖ reached \(NumberFormat.significant(reach)))"
  }
}
