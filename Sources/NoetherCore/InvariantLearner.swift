/// m scalar functions H: Rⁿ → Rᵐ with gradients, evaluated on batches: a learned
/// (or known) set of conserved quantities.
public protocol InvariantFunction: Sendable {
  /// n, the input dimension.
  var inputDimension: Int { get }
  /// m, the number of invariants.
  var invariantCount: Int { get }
  /// H(x) for each state: row-major [count, m].
  func values(at states: StateBatch) -> [Double]
  /// ∇ₓHₖ(x) for each state and invariant: row-major [count, m, n].
  func gradients(at states: StateBatch) -> [Double]
}

/// Learns m conserved quantities from trajectories (ConCerNet's contrastive Square
/// Ratio Loss; an HNN's learned Hamiltonian is one too).
public protocol InvariantLearner {
  associatedtype Learned: InvariantFunction
  /// The number of invariants it learns.
  var invariantCount: Int { get }
  /// Fits the invariants to the training trajectories of `data`.
  /// - Throws: `NoetherError` for unusable data; training failures (divergence) also throw.
  func learnInvariants(from data: TrajectorySet) throws -> Learned
}

/// Known invariants as an ``InvariantFunction`` (for projecting onto exact invariants).
public struct KnownInvariantSet: InvariantFunction {
  public let invariants: [KnownInvariant]
  public let inputDimension: Int
  public var invariantCount: Int { invariants.count }

  public init(_ invariants: [KnownInvariant], dimension: Int) {
    self.invariants = invariants
    self.inputDimension = dimension
  }

  public func values(at states: StateBatch) -> [Double] {
    let columns = invariants.map { $0.values(at: states) }
    return (0..<states.count).flatMap { i in columns.map { $0[i] } }
  }

  public func gradients(at states: StateBatch) -> [Double] {
    let grads = invariants.map { $0.gradients(at: states) }
    var out = [Double]()
    out.reserveCapacity(states.count * invariants.count * inputDimension)
    for i in 0..<states.count { for g in grads { out.append(contentsOf: g.row(i)) } }
    return out
  }
}
