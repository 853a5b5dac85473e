import NoetherCore

/// A trained model with the invariants it carries, if any (ConCerNet's learned g,
/// an HNN's Hamiltonian, known or discovered invariants); the comparison measures
/// their R² against the system's known invariants and draws their level sets.
public struct FittedModel: Sendable {
  public let model: any DynamicsModel
  public let invariants: (any InvariantFunction)?
  /// Where the invariants come from (`learned`, `known`, `discovered`, …), for the record.
  public let invariantSource: String?
  /// Remarks about the fit for the comparison's notes (an assumption it made).
  public var notes: [String] = []

  public init(
    model: any DynamicsModel, invariants: (any InvariantFunction)? = nil, invariantSource: String? = nil
  ) {
    self.model = model
    self.invariants = invariants
    self.invariantSource = invariants == nil ? nil : (invariantSource ?? "learned")
  }
}
