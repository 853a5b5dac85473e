/// The state extended by the integrals of balance laws' sources, so a step projection can
/// follow a level that moves: zₖ(t) = ∫₀ᵗ sₖ(x) dt is integrated with x by the same
/// method, (ẋ, ż) = (f(x), s(x)), and after each step x is pulled back onto
/// Cₖ(x) = Cₖ(x₀) + zₖ. Conservation is the case s = 0, z = 0.
public struct SourceCarriedField: VectorField {
  public let field: any VectorField
  public let balance: any BalanceFunction

  public init(_ field: any VectorField, carrying balance: any BalanceFunction) {
    self.field = field
    self.balance = balance
  }

  /// n + m: the state, then the m integrals.
  public var dimension: Int { field.dimension + balance.invariantCount }

  public func derivatives(at states: StateBatch) -> StateBatch {
    let (n, m) = (field.dimension, balance.invariantCount)
    let x = Self.state(of: states, dimension: n)
    let f = field.derivatives(at: x)
    let s = balance.sources(at: x)
    var out = StateBatch(
      count: states.count, dimension: n + m, values: [Double](repeating: 0, count: states.count * (n + m)))
    for i in 0..<states.count {
      for j in 0..<n { out.values[i * (n + m) + j] = f.values[i * n + j] }
      for k in 0..<m { out.values[i * (n + m) + n + k] = s[i * m + k] }
    }
    return out
  }

  /// The first n components of each extended state.
  public static func state(of extended: StateBatch, dimension n: Int) -> StateBatch {
    let width = extended.dimension
    return StateBatch(
      count: extended.count, dimension: n,
      values: (0..<extended.count).flatMap { extended.values[($0 * width)..<($0 * width + n)] })
  }

  /// `states` with m zeros after each (the integrals at the start).
  public static func extended(_ states: StateBatch, by m: Int) -> StateBatch {
    let n = states.dimension
    return StateBatch(
      count: states.count, dimension: n + m,
      values: (0..<states.count).flatMap {
        Array(states.values[($0 * n)..<(($0 + 1) * n)]) + [Double](repeating: 0, count: m)
      })
  }
}

extension ManifoldProjection {
  /// The invariants as balance laws when they are (`BalanceFunction`); nil for conservation laws.
  public var balance: (any BalanceFunction)? { invariants as? any BalanceFunction }

  /// The extended solution (state, then ∫s) of `integrator` on f carrying the sources,
  /// projected after each step onto C = C(x₀) + z. The integrators call it themselves
  /// for balance laws and keep the state part; call it to see the integrals.
  public func integrateCarrying(
    _ field: any VectorField, from initial: StateBatch, at times: [Double], with integrator: any Integrator
  ) -> Solution {
    guard let balance else { return integrator.integrate(field, from: initial, at: times) }
    return integrator.integrate(
      SourceCarriedField(field, carrying: balance),
      from: SourceCarriedField.extended(initial, by: balance.invariantCount),
      at: times)
  }

  /// Whether `states` are extended states this projection carries integrals for.
  func isExtended(_ states: StateBatch) -> Bool {
    balance != nil && states.dimension == invariants.inputDimension + invariants.invariantCount
  }

  /// x pulled back onto C(x) = c₀ + z (extended states; c₀ the initial values).
  func projectExtended(_ states: StateBatch, onto initialValues: [Double]) -> StateBatch? {
    let (n, m) = (invariants.inputDimension, invariants.invariantCount)
    let x = SourceCarriedField.state(of: states, dimension: n)
    var targets = initialValues
    for i in 0..<states.count { for k in 0..<m { targets[i * m + k] += states.values[i * (n + m) + n + k] } }
    guard let projected = projectState(x, onto: targets) else { return nil }
    var out = states
    for i in 0..<states.count { for j in 0..<n { out.values[i * (n + m) + j] = projected.values[i * n + j] } }
    return out
  }

  /// The state part of an extended solution.
  static func stateSolution(_ extended: Solution, dimension n: Int) -> Solution {
    var out = Solution(times: extended.times, count: extended.count, dimension: n)
    let width = extended.dimension
    for r in 0..<(extended.count * extended.times.count) {
      for j in 0..<n { out.states[r * n + j] = extended.states[r * width + j] }
    }
    out.status = extended.status
    out.steps = extended.steps
    out.evaluations = extended.evaluations
    return out
  }
}
