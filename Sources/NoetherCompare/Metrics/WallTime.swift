import NoetherCore

/// Wall times of a run: training (with the shared work it used, such as a contrastive
/// invariant or an autoencoder learned once per seed) and evaluation (the rollout).
public struct WallTime: ComparisonMetric {
  public static let trainKey = "wall:train"
  public static let evaluateKey = "wall:evaluate"

  public init() {}

  public func columns(for system: any DynamicalSystem) -> [MetricColumn] { Self.columns }

  static let columns = [
    MetricColumn(key: trainKey, header: "train s", style: .fixed),
    MetricColumn(key: evaluateKey, header: "evaluate s", style: .fixed),
  ]

  public func measure(_ evaluation: RunEvaluation) -> MetricValues {
    MetricValues(values: Self.values(seconds: evaluation.seconds))
  }

  /// The two values from a run's wall times by phase (shared work counted in training).
  static func values(seconds: [String: Double]) -> [String: Double] {
    let shared = seconds.filter { $0.key.hasSuffix("(shared)") }.values.reduce(0, +)
    return [trainKey: (seconds["train"] ?? 0) + shared, evaluateKey: seconds["evaluate"] ?? .nan]
  }
}
