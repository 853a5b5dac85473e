/// An autonomous vector field ẋ = f(x) on Rⁿ, evaluated on batches of states.
///
/// Built-in systems, user systems and learned models all conform, so that the same
/// integrators roll out the truth and every model.
public protocol VectorField: Sendable {
  /// n, the dimension of the state.
  var dimension: Int { get }

  /// f(x) for every state of the batch.
  /// - Parameter states: `count × dimension` states.
  /// - Returns: `count × dimension` time derivatives, row i being f(states row i).
  func derivatives(at states: StateBatch) -> StateBatch
}
