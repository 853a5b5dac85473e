import NoetherCore

/// What ``InvariantDiscovery`` found.
public struct DiscoveryResult: Sendable {
  /// The invariants, as formulas (empty when the library's span holds none).
  public let invariants: SymbolicInvariant
  /// How many of them are functionally independent (the rank of their gradients at the
  /// data, median over points): Kepler's E, L, A_x, A_y are 3.
  public let independentCount: Int
  /// Per invariant: its noise ratio λ = cᵀMc / cᵀBc (≈ 1: it changes along the data only
  /// as much as the noise makes it).
  public let noiseRatios: [Double]
  /// Per invariant: true when its coefficients are rounded to simple numbers the data
  /// cannot tell from the fit (`CoefficientRounding`: 0.5 vx² + 0.5 vy² − 1/r), false when
  /// they are the fitted ones.
  public let rounded: [Bool]
  /// Per invariant: its spread within trajectories relative to its spread across them
  /// (or to its mean when every trajectory has the same value).
  public let spreads: [Double]
  /// Per invariant: the drift test's z (`DriftTest`: ≈ N(0, 1) for a constant plus
  /// white noise; NaN for exact data, where it is not applied).
  public let drifts: [Double]
  /// Conserved combinations left out because they drift slowly in time (drift test
  /// z above the discovery's significance).
  public let drifting: Int
  /// Data points used (points where the noise model breaks down are left out).
  public let keptPoints: Int
  /// Conserved combinations left out because they are near zero everywhere: directions
  /// the data do not excite, not laws.
  public let vanishing: Int
  /// The smallest noise ratios of the whole library, ascending: those below `threshold`
  /// are conserved directions; the first one above shows the gap.
  public let spectrum: [Double]
  /// λ below this counts as conserved: 1 + z·√(2/dof).
  public let threshold: Double
  /// The noise σ the test assumed.
  public let noise: Double
  /// Conserved combinations left out because they are functions of invariants found
  /// before (`I3 = energy²`), as text.
  public let dependent: [String]
  /// Library terms left out because they do not vary along the data (a constant).
  public let constantTerms: [String]
}
