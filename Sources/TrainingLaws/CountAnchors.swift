/// The law counts the issue states for two-layer networks without biases (Marcotte,
/// Gribonval and Peyré 2023; heavy ball: the antisymmetric forms, r(r−1)/2), checked by
/// the tests, the report and `Benchmarks/run training-laws`.
public enum CountAnchors {
  /// (widths, activation, flow, expected count).
  public static let all: [(widths: [Int], activation: HiddenActivation, flow: TrainingFlow, expected: Int)] =
    [
      ([3, 2, 2], .linear, .gradient, 3), ([3, 3, 3], .linear, .gradient, 6),
      ([2, 5, 2], .linear, .gradient, 14),
      ([1, 3, 1], .linear, .gradient, 5), ([3, 2, 2], .relu, .gradient, 2), ([3, 3, 3], .relu, .gradient, 3),
      ([2, 5, 2], .relu, .gradient, 5), ([3, 2, 2], .linear, .heavyBall, 1),
      ([3, 3, 3], .linear, .heavyBall, 3),
      ([2, 5, 2], .linear, .heavyBall, 10),
    ]
}
