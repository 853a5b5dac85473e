import NoetherCore
import NoetherNN
import _Differentiation

/// Invariants of the state space read in a latent space: H(z) = C(D(z)) for a decoder D
/// and invariants C of the states, with ∇_z H = J_D(z)ᵀ ∇C(D(z)). Projecting latent
/// dynamics onto its level sets keeps C of the decoded states (the heat equation's Σ U
/// while the dynamics run in an autoencoder's latent space).
public struct DecodedInvariant<State: InvariantFunction>: InvariantFunction, DecodedInvariantFunction {
  public let decoder: MLP
  public let state: State

  public init(decoder: MLP, state: State) {
    precondition(
      decoder.outputCount == state.inputDimension, "DecodedInvariant: the decoder's output is not C's input")
    self.decoder = decoder
    self.state = state
  }

  public var inputDimension: Int { decoder.inputCount }
  public var invariantCount: Int { state.invariantCount }

  public func values(at latent: StateBatch) -> [Double] {
    let x = decoder(Matrix(rows: latent.count, columns: latent.dimension, scalars: latent.values))
    return state.values(at: StateBatch(count: latent.count, dimension: x.columns, values: x.scalars))
  }

  public func gradients(at latent: StateBatch) -> [Double] {
    let z = Matrix(rows: latent.count, columns: latent.dimension, scalars: latent.values)
    let x = decoder(z)
    return decoder.pullingBack(
      state.gradients(at: StateBatch(count: x.rows, dimension: x.columns, values: x.scalars)),
      functions: invariantCount, at: z)
  }
}

/// An invariant of latent states that is a state invariant read through a decoder.
public protocol DecodedInvariantFunction: InvariantFunction {
  associatedtype State: InvariantFunction
  /// The invariants of the states.
  var state: State { get }
}

extension DecodedInvariantFunction {
  /// ``state`` as an existential.
  public var stateInvariants: any InvariantFunction { state }
}
