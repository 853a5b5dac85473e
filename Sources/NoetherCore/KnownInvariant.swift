/// A conserved quantity C: Rⁿ → R known in closed form, with its gradient.
///
/// Along every exact trajectory of the system, C(x(t)) = C(x(0)); equivalently
/// ∇C(x)·f(x) = 0 at every state.
public struct KnownInvariant: Sendable {
  /// A short identifier, used as a dataset and JSON key (for example `energy`).
  public let name: String
  /// The formula, for people (for example `q² + p²`).
  public let formula: String
  private let valueFunction: @Sendable (StateBatch) -> [Double]
  private let gradientFunction: @Sendable (StateBatch) -> StateBatch

  /// - Parameters:
  ///   - name: identifier (letters, digits, `-` and `_`).
  ///   - formula: the formula as people write it.
  ///   - value: C at each state of a batch, one value per state.
  ///   - gradient: ∇C at each state of a batch, as a batch of the same shape.
  public init(
    name: String, formula: String,
    value: @escaping @Sendable (StateBatch) -> [Double],
    gradient: @escaping @Sendable (StateBatch) -> StateBatch
  ) {
    self.name = name
    self.formula = formula
    self.valueFunction = value
    self.gradientFunction = gradient
  }

  /// C(x) for each state.
  public func values(at states: StateBatch) -> [Double] { valueFunction(states) }

  /// ∇C(x) for each state (`count × dimension`).
  public func gradients(at states: StateBatch) -> StateBatch { gradientFunction(states) }
}
