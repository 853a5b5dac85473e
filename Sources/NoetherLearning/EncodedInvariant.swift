import NoetherCore
import NoetherNN
import _Differentiation

/// Invariants of a latent space read in the state space: H(x) = g(E(x)) for an encoder
/// E and invariants g of the latent states, with ∇ₓHₖ = J_E(x)ᵀ ∇g_k(E(x)) (a
/// vector–Jacobian product through the encoder).
public struct EncodedInvariant<Latent: InvariantFunction>: InvariantFunction {
  public let encoder: MLP
  public let latent: Latent

  public init(encoder: MLP, latent: Latent) {
    precondition(
      encoder.outputCount == latent.inputDimension, "EncodedInvariant: the encoder's output is not g's input")
    self.encoder = encoder
    self.latent = latent
  }

  public var inputDimension: Int { encoder.inputCount }
  public var invariantCount: Int { latent.invariantCount }

  public func values(at states: StateBatch) -> [Double] {
    latent.values(at: encoded(states))
  }

  public func gradients(at states: StateBatch) -> [Double] {
    let z = encoded(states)
    return encoder.pullingBack(
      latent.gradients(at: z), functions: invariantCount,
      at: Matrix(rows: states.count, columns: states.dimension, scalars: states.values))
  }

  private func encoded(_ states: StateBatch) -> StateBatch {
    let z = encoder(Matrix(rows: states.count, columns: states.dimension, scalars: states.values))
    return StateBatch(count: states.count, dimension: z.columns, values: z.scalars)
  }
}
