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
    let x = Matrix(rows: states.count, columns: states.dimension, scalars: states.values)
    let (z, pullback) = valueWithPullback(at: x) { x in encoder(x) }
    let latentGradients = latent.gradients(
      at: StateBatch(count: z.rows, dimension: z.columns, values: z.scalars))
    let (m, k, n) = (invariantCount, z.columns, states.dimension)
    var out = [Double](repeating: 0, count: states.count * m * n)
    for j in 0..<m {
      var direction = Matrix(rows: z.rows, columns: k)
      for i in 0..<z.rows {
        for c in 0..<k { direction.scalars[i * k + c] = latentGradients[(i * m + j) * k + c] }
      }
      let g = pullback(direction)
      for i in 0..<states.count { for c in 0..<n { out[(i * m + j) * n + c] = g.scalars[i * n + c] } }
    }
    return out
  }

  private func encoded(_ states: StateBatch) -> StateBatch {
    let z = encoder(Matrix(rows: states.count, columns: states.dimension, scalars: states.values))
    return StateBatch(count: states.count, dimension: z.columns, values: z.scalars)
  }
}
