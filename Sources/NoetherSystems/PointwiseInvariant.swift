import NoetherCore

extension KnownInvariant {
  /// A known invariant from its value and gradient at one state (batches are mapped state by state).
  static func pointwise(
    _ name: String, _ formula: String, value: @escaping @Sendable ([Double]) -> Double,
    gradient: @escaping @Sendable ([Double]) -> [Double]
  ) -> KnownInvariant {
    KnownInvariant(
      name: name, formula: formula, value: { x in (0..<x.count).map { value(x.row($0)) } },
      gradient: { x in
        StateBatch(
          count: x.count, dimension: x.dimension, values: (0..<x.count).flatMap { gradient(x.row($0)) })
      })
  }
}

extension SeededGenerator {
  /// A state with each component uniform in its range.
  mutating func uniformState(_ ranges: [(Double, Double)]) -> [Double] {
    ranges.map { uniform($0.0, $0.1) }
  }
}

extension StateBatch {
  /// `count` states drawn one by one.
  static func drawn(_ count: Int, dimension: Int, _ draw: () -> [Double]) -> StateBatch {
    StateBatch(count: count, dimension: dimension, values: (0..<count).flatMap { _ in draw() })
  }

  /// The field f applied to every state.
  func mapped(_ f: ([Double]) -> [Double]) -> StateBatch {
    StateBatch(count: count, dimension: dimension, values: (0..<count).flatMap { f(row($0)) })
  }
}

/// The protocol of the discovery systems: 50 trajectories (25/25) of 50 points over
/// `duration`, noise 0.01, evaluation over twice the duration.
func discoveryProtocol(duration: Double) -> ReferenceProtocol {
  ReferenceProtocol(
    name: "noether-discovery", trajectoryCount: 50, trainingCount: 25, pointCount: 50, duration: duration,
    evaluationHorizon: 2 * duration)
}
