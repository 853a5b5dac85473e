import NoetherCore
import NoetherLearning

/// For each known invariant: R² of its best linear fit on the invariants the model
/// carries, over the test trajectories' states (the ConCerNet paper, Table 2). Runs whose
/// model carries none have no value.
public struct InvariantR2: ComparisonMetric {
  public static let keyPrefix = "r2:"

  public init() {}

  public func columns(for system: any DynamicalSystem) -> [MetricColumn] {
    Self.columns(invariants: system.invariants.map(\.name))
  }

  static func columns(invariants: [String]) -> [MetricColumn] {
    invariants.map { MetricColumn(key: keyPrefix + $0, header: "R² \($0)", digits: 4, blankWhenAbsent: true) }
  }

  public func measure(_ evaluation: RunEvaluation) -> MetricValues {
    guard let carried = evaluation.invariants else { return MetricValues() }
    let test = evaluation.data.testing.allStates
    let features = carried.values(at: test)
    var result = MetricValues()
    for invariant in evaluation.system.invariants {
      result.values[Self.keyPrefix + invariant.name] =
        (try? coefficientOfDetermination(
          target: invariant.values(at: test), features: features, featureCount: carried.invariantCount))
        ?? .nan
    }
    return result
  }
}
