/// Turns a nominal vector field into one that respects a set of invariants.
///
/// The hard projection f̃ = f − G(GᵀG)⁻¹Gᵀf (G the n×m matrix of invariant gradients)
/// makes ∇Hₖ·f̃ = 0 exactly; a soft penalty instead adds λ·mean((∇H·f)²) to the loss.
/// Methods that train through a constraint refine this protocol with a differentiable
/// form (NoetherNN); this is the form the integrators and evaluation use.
public protocol ConstraintLayer: Sendable {
  /// The constrained vector field at `states`, given the nominal field there.
  /// - Parameters:
  ///   - nominal: f(x), `count × n`.
  ///   - states: x, `count × n`.
  func constrain(_ nominal: StateBatch, at states: StateBatch) -> StateBatch
}

/// A vector field wrapped by a constraint layer: f̃(x) = constrain(f(x), x).
/// The constraint wraps the field; integrators know nothing about it.
public struct ConstrainedField<Field: VectorField, Layer: ConstraintLayer>: VectorField {
  public let field: Field
  public let layer: Layer
  public var dimension: Int { field.dimension }

  public init(_ field: Field, constrainedBy layer: Layer) {
    self.field = field
    self.layer = layer
  }

  public func derivatives(at states: StateBatch) -> StateBatch {
    layer.constrain(field.derivatives(at: states), at: states)
  }
}
