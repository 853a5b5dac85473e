/// How the comparison itself runs: what it allows a rollout, and whether methods run
/// side by side. The methods' own settings live in their types.
public struct ComparisonSettings: Sendable, Equatable {
  /// Adaptive steps a model's evaluation rollout may take (all its trajectories share
  /// them); a model that needs more is stiff or blowing up, and its run is reported as
  /// failed instead of running for hours. The true system's rollout is not limited.
  public var rolloutStepBudget: Int = 100_000
  /// Run the methods of a seed side by side on the available cores.
  public var parallel: Bool = true

  public init() {}
}
