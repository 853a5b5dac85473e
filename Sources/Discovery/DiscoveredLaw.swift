/// The statistics of one reported law (the k-th formula of `DiscoveryResult.invariants`).
public struct DiscoveredLaw: Sendable, Equatable {
  /// Its name: a known invariant's that it explains, else `I1`, `I2`, … by position.
  public let name: String
  /// Its noise ratio λ = cᵀMc / cᵀBc (≈ 1: it changes along the data only as much as the
  /// noise makes it).
  public let noiseRatio: Double
  /// True when its coefficients are rounded to simple numbers the data cannot tell from
  /// the fit (`CoefficientRounding`: 0.5 vx² + 0.5 vy² − 1/r), false when fitted.
  public let rounded: Bool
  /// Its spread within trajectories relative to its spread across them (or to its mean
  /// when every trajectory has the same value).
  public let spread: Double
  /// The drift test's z (`DriftTest`: ≈ N(0, 1) for a constant plus white noise); NaN for
  /// exact data, where it is not applied.
  public let drift: Double
  /// How it did on data it was not fitted on (`HeldOutCheck`); nil when the data could
  /// not be split into two folds.
  public var heldOut: HeldOutFigures?

  public init(
    name: String, noiseRatio: Double, rounded: Bool, spread: Double, drift: Double,
    heldOut: HeldOutFigures? = nil
  ) {
    self.heldOut = heldOut
    self.name = name
    self.noiseRatio = noiseRatio
    self.rounded = rounded
    self.spread = spread
    self.drift = drift
  }
}
