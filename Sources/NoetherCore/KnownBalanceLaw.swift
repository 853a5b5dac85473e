/// A balance law dC/dt = s(x) known in closed form: a quantity C (its value and gradient)
/// and its source s, so that along every exact trajectory
/// C(x(t₁)) − C(x(t₀)) = ∫ s(x(t)) dt over [t₀, t₁]; equivalently ∇C(x)·f(x) = s(x) at
/// every state. Conservation is the case s = 0; a source ≤ 0 everywhere makes C a
/// dissipated quantity (a Lyapunov function of the system).
public struct KnownBalanceLaw: Sendable {
  /// C, with its name and formula (for example `energy`, `0.5 q² + 0.5 p²`).
  public let quantity: KnownInvariant
  /// The source as people write it (for example `−0.2 p²`).
  public let sourceFormula: String
  private let sourceFunction: @Sendable (StateBatch) -> [Double]

  /// - Parameters:
  ///   - quantity: C and its gradient.
  ///   - sourceFormula: s as people write it.
  ///   - source: s at each state of a batch, one value per state.
  public init(
    quantity: KnownInvariant, sourceFormula: String, source: @escaping @Sendable (StateBatch) -> [Double]
  ) {
    self.quantity = quantity
    self.sourceFormula = sourceFormula
    self.sourceFunction = source
  }

  /// A balance law from C, ∇C and s at one state (batches are mapped state by state).
  public static func pointwise(
    _ name: String, _ formula: String, value: @escaping @Sendable ([Double]) -> Double,
    gradient: @escaping @Sendable ([Double]) -> [Double], source sourceFormula: String,
    _ source: @escaping @Sendable ([Double]) -> Double
  ) -> KnownBalanceLaw {
    KnownBalanceLaw(
      quantity: .pointwise(name, formula, value: value, gradient: gradient), sourceFormula: sourceFormula,
      source: { x in (0..<x.count).map { source(x.row($0)) } })
  }

  /// A conservation law as a balance law with source 0.
  public static func conserved(_ invariant: KnownInvariant) -> KnownBalanceLaw {
    KnownBalanceLaw(
      quantity: invariant, sourceFormula: "0", source: { [Double](repeating: 0, count: $0.count) })
  }

  /// The quantity's name.
  public var name: String { quantity.name }

  /// s(x) for each state.
  public func sources(at states: StateBatch) -> [Double] { sourceFunction(states) }
}

/// Quantities with sources, dCₖ/dt = sₖ(x): invariant functions whose rate along the
/// flow is prescribed. A conservation law is the case sₖ = 0. The balance projection and
/// the step projection enforce them (`BalanceProjection`, `ManifoldProjection`).
public protocol BalanceFunction: InvariantFunction {
  /// sₖ(x) for each state and quantity: row-major [count, m].
  func sources(at states: StateBatch) -> [Double]
}

/// Known balance laws as a ``BalanceFunction``.
public struct KnownBalanceSet: BalanceFunction {
  public let laws: [KnownBalanceLaw]
  public let inputDimension: Int

  public init(_ laws: [KnownBalanceLaw], dimension: Int) {
    self.laws = laws
    self.inputDimension = dimension
  }

  public var invariantCount: Int { laws.count }

  public func values(at states: StateBatch) -> [Double] {
    KnownInvariantSet(laws.map(\.quantity), dimension: inputDimension).values(at: states)
  }

  public func gradients(at states: StateBatch) -> [Double] {
    KnownInvariantSet(laws.map(\.quantity), dimension: inputDimension).gradients(at: states)
  }

  public func sources(at states: StateBatch) -> [Double] {
    let m = laws.count
    var out = [Double](repeating: 0, count: states.count * m)
    for (k, law) in laws.enumerated() {
      for (i, s) in law.sources(at: states).enumerated() { out[i * m + k] = s }
    }
    return out
  }
}
