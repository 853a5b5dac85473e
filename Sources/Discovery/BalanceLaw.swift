/// What a law says about its quantity C along the flow.
public enum LawKind: String, Sendable, CaseIterable {
  /// dC/dt = 0.
  case conserved
  /// dC/dt = s ≤ 0 on all the data (beyond the noise): C is a Lyapunov function of the data.
  case dissipated
  /// dC/dt = s ≥ 0 on all the data.
  case supplied
  /// dC/dt = s with a source of both signs.
  case balanced
  /// Not a law: a combination the trajectories keep approximately.
  case approximate
}

/// A balance law found by ``InvariantDiscovery``: a quantity C = Σⱼ aⱼ θⱼ over the
/// library and its source s = Σₗ bₗ φₗ over the source library, with
/// C(x(t₁)) − C(x(t₀)) = ∫ s dt along every trajectory of the data within the noise.
public struct BalanceLaw: Sendable {
  /// The known balance law's name when C matches one (`energy`), else `B1`, `B2`, …
  public let name: String
  /// a over every library term (zero off its support).
  public let coefficients: [Double]
  /// b over every source-library term.
  public let sourceCoefficients: [Double]
  /// C and s as formulas (`0.5 q² + 0.5 p²`, `−0.2 p²`).
  public let formula: String
  public let sourceFormula: String
  /// `dissipated`, `supplied` or `balanced`.
  public let kind: LawKind
  /// λ of the pair on the data (below the threshold).
  public let noiseRatio: Double
  /// Whether the coefficients are rounded to simple numbers the data accept
  /// (`CoefficientRounding`, as for conservation laws) rather than fitted.
  public let rounded: Bool
  /// λ of the pair fitted on half the trajectories, on the other half; nil when the data
  /// are too few to split.
  public let heldOutRatio: Double?
  /// Points where s stands above and below zero beyond 4 of its noise's deviations, and
  /// the points looked at.
  public let pointsAbove: Int
  public let pointsBelow: Int
  public let points: Int
  /// How many source terms the rates of C's terms need on their own (their union), which
  /// s beats by cancellation; nil when a term's rate is not in the source library.
  public let separateSourceTerms: Int?
  /// Other sources the data accept for C within the noise (each refitted on C's terms and
  /// scaled to C), as formulas: the data cannot tell them from `sourceFormula`, which fits
  /// best. Empty when s is the only one.
  public let alternativeSources: [String]
}
