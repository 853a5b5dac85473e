/// A conserved combination discovery found and did not report as a law, with the rule
/// that decided and the figure it decided on.
public struct RejectedCandidate: Sendable, Equatable {
  /// The screening rules, in the order they are applied.
  public enum Rule: String, Sendable, CaseIterable {
    /// Found on one trajectory alone: every function of its own curve (the curve's
    /// equation) is constant along it, so a law cannot be told from it; trajectories from
    /// other initial states decide. Figure: the number of trajectories (1).
    case singleTrajectory = "one-trajectory"
    /// Near zero everywhere against its terms' sizes: RMS of Θ·c below 1 % of
    /// Σⱼ |cⱼ|·rms(θⱼ) (a direction the data do not excite). Figure: that ratio.
    case vanishing
    /// A slow drift in time the noise ratio cannot see (`DriftTest`, noisy data). Figure:
    /// the drift z, above the significance.
    case drifting
    /// Does not hold on data it was not fitted on (`HeldOutCheck`): fitted on one fold of
    /// the trajectories (or segments), its noise ratio on the other is beyond the held-out
    /// significance, or it drifts there. Figure: the larger of that z and the drift z
    /// (exact data: the held-out spread within against across trajectories).
    case heldOut = "held-out"
    /// One value on every trajectory, like a law reported before: on these data the two
    /// cannot be told apart. Figure: the analysis of variance's F of the trajectory means
    /// (noisy data), or the spread within against across trajectories (exact data).
    case oneValue = "one-value"
    /// A function of the laws before it: R² on polynomials of degree ≤ 3 of their values.
    /// Figure: that R².
    case dependent
    /// Within 10 % of the span of the laws before it (noisy data; a fitted near-copy of a
    /// rounded law). Figure: the relative residual of its fit by them.
    case withinSpan = "within-span"
    /// A multiple of one law before it, found again (at a higher degree). Figure: the R²
    /// of that linear fit. Not listed among the dependent combinations.
    case restatement
    /// One law too many for trajectories that move: every conserved quantity's gradient is
    /// orthogonal to the flow, so at most n − 1 of them are functionally independent in n
    /// dimensions. Applied only when the other rules leave n or more (noisy data); the
    /// candidates are then screened again, those that drift least first, and one that would
    /// be the n-th independent law is left out. Figure: its drift z.
    case flowRank = "flow-rank"
  }

  /// The combination as a formula (3 significant digits).
  public let formula: String
  public let rule: Rule
  /// The figure the rule decided on (see `Rule`).
  public let figure: Double

  public init(formula: String, rule: Rule, figure: Double) {
    self.formula = formula
    self.rule = rule
    self.figure = figure
  }

  /// True for the rules that make a combination a function of the reported laws.
  public var isDependent: Bool { rule == .oneValue || rule == .dependent || rule == .withinSpan }
}
