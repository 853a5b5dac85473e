import NoetherCore

/// MSE = mean over trajectories, times and components of (x_true − x_model)²
/// (the ConCerNet paper, Table 3), with its course over time.
public struct MeanSquaredError: ComparisonMetric {
  public static let key = "mse"
  public static let curveName = "mse-over-time"

  public init() {}

  public func columns(for system: any DynamicalSystem) -> [MetricColumn] { Self.columns }

  static let columns = [MetricColumn(key: key, header: "MSE", pairedBySeed: true)]

  public func measure(_ evaluation: RunEvaluation) -> MetricValues {
    let (truth, a, b) = (evaluation.truth, evaluation.truth.states, evaluation.rollout.states)
    let steps = truth.times.count
    let n = truth.dimension
    // Squared errors summed per time over trajectories and components; the MSE is
    // their total over all entries.
    var perTime = [Double](repeating: 0, count: steps)
    for trajectory in 0..<truth.count {
      for t in 0..<steps {
        let start = (trajectory * steps + t) * n
        for i in start..<(start + n) { perTime[t] += (a[i] - b[i]) * (a[i] - b[i]) }
      }
    }
    return MetricValues(
      values: [Self.key: perTime.reduce(0, +) / Double(max(a.count, 1))],
      curves: [Self.curveName: perTime.map { $0 / Double(max(truth.count * n, 1)) }])
  }
}
