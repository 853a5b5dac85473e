import NoetherCore

/// A constraint built on a set of invariants (the projection and the penalty are).
public protocol InvariantConstraint: ConstraintLayer {
  var constrainedInvariants: any InvariantFunction { get }
}

extension HardProjection: InvariantConstraint {
  public var constrainedInvariants: any InvariantFunction { invariants }
}

extension SoftPenalty: InvariantConstraint {
  public var constrainedInvariants: any InvariantFunction { invariants }
}
