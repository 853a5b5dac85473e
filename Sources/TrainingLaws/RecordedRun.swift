import NoetherCore

/// A discrete training run with every step kept: θₖ, the loss, the optimiser's state and,
/// for each quadratic law Q(θ) = θᵀSθ, its value and the closed-form prediction of its
/// change. For any quadratic Q and step θₖ₊₁ = θₖ − η uₖ,
///   Qₖ₊₁ − Qₖ = −2η θₖᵀ S uₖ + η² uₖᵀ S uₖ   (exactly),
/// and a law of gradient flow has θᵀS ∇L_B(θ) = 0 for every batch B, so only what is not
/// the batch gradient moves it at first order:
/// - gradient descent and SGD: ΔQ = η² gᵀSg (the finite step);
/// - weight decay λ: Qₖ₊₁ = (1 − ηλ)² Qₖ + η² ∇L_Bᵀ S ∇L_B;
/// - heavy ball: ΔQ = −2ηβ θₖᵀ S vₖ + η² uₖᵀ S uₖ (the carried velocity);
/// - Adam: no closed form (its preconditioner mixes directions); reported as measured.
public struct RecordedRun: Sendable {
  /// The rule.
  public let optimiser: Optimiser
  /// η.
  public let learningRate: Double
  /// λ.
  public let weightDecay: Double
  /// θₖ, k = 0 … K, each of length D.
  public let parameters: [[Double]]
  /// L(θₖ) on the whole data set.
  public let losses: [Double]
  /// The optimiser's state after each step (the velocity or Adam's first moment; zeros
  /// for gradient descent), K + 1 rows.
  public let optimiserStates: [[Double]]
  /// Qₗ(θₖ) per step (K + 1 rows, one column per law).
  public let lawValues: [[Double]]
  /// Q(θ₀) plus the running sum of the predicted changes (nil for Adam).
  public let predictedLawValues: [[Double]]?
  /// Per step, the largest |measured − predicted change| over the laws, relative to the
  /// law's scale |θₖ|ᵀ|S||θₖ| (nil for Adam).
  public let stepResiduals: [Double]?

  /// K.
  public var steps: Int { parameters.count - 1 }

  /// |Q(θ_K) − Q(θ₀)| / |θ₀|ᵀ|S||θ₀|, the largest over the laws: the drift after the run,
  /// relative to the size of the terms that cancel in the law.
  public let relativeDrift: Double
}
