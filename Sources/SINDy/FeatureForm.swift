/// The form of one library term, as the library that built it knows it: what discovery's
/// noise model and its ordering of laws by degree need.
public enum FeatureForm: Sendable, Hashable {
  /// A monomial of the state components of this total degree (0: the constant 1).
  case polynomial(degree: Int)
  /// Any other function of the state (1/r, qᵢ/r, ln xᵢ, sin xᵢ): its noise expansion in σ
  /// does not end, and laws are ordered as if it had degree 1.
  case nonPolynomial
}
