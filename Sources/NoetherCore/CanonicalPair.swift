/// A position q and its conjugate momentum p, by their indices in the state: the pairs
/// in which Hamilton's equations q̇ = ∂H/∂p, ṗ = −∂H/∂q hold. A velocity is a momentum
/// only for unit mass; an angle's rate is one only for unit moment of inertia.
public struct CanonicalPair: Sendable, Equatable, Hashable {
  public let position: Int
  public let momentum: Int

  public init(position: Int, momentum: Int) {
    self.position = position
    self.momentum = momentum
  }

  /// (qᵢ, pᵢ) = (i, i + k) for i < k: the layout (q₁…q_k, p₁…p_k) of a state of dimension 2k.
  public static func halves(dimension: Int) -> [CanonicalPair] {
    let k = dimension / 2
    return (0..<k).map { CanonicalPair(position: $0, momentum: $0 + k) }
  }
}
