/// How a reported law did on data it was not fitted on (`HeldOutCheck`: two folds, each
/// fitted on one and judged on the other; the worse of the two directions).
public struct HeldOutFigures: Sendable, Equatable {
  /// What the folds are made of.
  public enum Folds: String, Sendable {
    /// Trajectories dealt alternately into two folds (4 or more trajectories).
    case trajectories
    /// The first and second half of each trajectory (fewer than 4 trajectories).
    case segments
  }

  public let folds: Folds
  /// λ on the held-out fold: its change along the fold against the noise's (≈ 1 for a
  /// law); NaN for exact data.
  public let noiseRatio: Double
  /// λ's rise from the fitted fold to the held-out one, (λ_B − λ_A)/√(2/dof_A + 2/dof_B):
  /// ≈ N(0, 1) for a law; NaN for a rounded law (nothing fitted) and for exact data.
  public let z: Double
  /// The drift test's z on the held-out fold; NaN for exact data.
  public let drift: Double
  /// Exact data: the spread within the held-out trajectories against the spread across
  /// them (round-off for a law); NaN for noisy data.
  public let spread: Double

  public init(folds: Folds, noiseRatio: Double, z: Double, drift: Double, spread: Double) {
    self.folds = folds
    self.noiseRatio = noiseRatio
    self.z = z
    self.drift = drift
    self.spread = spread
  }
}
