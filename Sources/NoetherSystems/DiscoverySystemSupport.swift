import NoetherCore

extension SeededGenerator {
  /// A state with each component uniform in its range.
  mutating func uniformState(_ ranges: [(Double, Double)]) -> [Double] {
    ranges.map { uniform($0.0, $0.1) }
  }
}

/// The protocol of the discovery systems: 50 trajectories (25/25) of 50 points over
/// `duration`, noise 0.01, evaluation over twice the duration.
func discoveryProtocol(duration: Double) -> ReferenceProtocol {
  ReferenceProtocol(
    name: "noether-discovery", trajectoryCount: 50, trainingCount: 25, pointCount: 50, duration: duration,
    evaluationHorizon: 2 * duration)
}
