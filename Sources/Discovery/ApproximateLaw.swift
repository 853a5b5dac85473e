/// A combination of library terms that changes along every trajectory far less than its
/// terms do, but more than the noise allows: approximately conserved, not a law (a
/// friction pendulum's energy). Reported beside the laws with its figures, never as one.
public struct ApproximateLaw: Sendable, Equatable {
  /// The combination as a formula (4 significant digits), its first term's coefficient 1.
  public let formula: String
  /// Its coefficients over every library term.
  public let coefficients: [Double]
  /// μ: its variance within trajectories over its variance across all points, on the
  /// trajectories it was fitted on (0 for a law, 1 for a quantity no trajectory keeps).
  public let withinRatio: Double
  /// q: its standard deviation within trajectories over Σⱼ |cⱼ|·(term j's): how little
  /// of its terms' change survives their cancellation, on the fitting trajectories.
  public let cancellation: Double
  /// q on the test trajectories it was not fitted on; nil without a test split.
  public let heldOutCancellation: Double?
  /// λ, its noise ratio (cᵀMc / cᵀBc): above the threshold, so beyond the noise.
  public let noiseRatio: Double
  /// The median over trajectories of its least-squares rate of change d/dt.
  public let medianRate: Double
  /// On how many trajectories its rate is negative, of `trajectories`.
  public let decreasing: Int
  public let trajectories: Int
}
