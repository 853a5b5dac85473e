import NoetherCore
import NoetherNN
import _Differentiation

/// A `ConstraintLayer` that a dynamics network can be trained through (the hard
/// projection and the soft penalty are the built-in ones).
///
/// Before training it fixes what it needs at the training states once (projection
/// bases, invariant gradients: the invariants are frozen while h trains); during
/// training it acts on each batch's predicted field f = h(x) through its
/// ``BatchConstraint``, which may map f to f̃ (with its pullback) and add a penalty to
/// the loss (with its gradient). The loss is Σ‖f̃ − ẋ‖² + penalty(f).
public protocol TrainableConstraint: ConstraintLayer {
  /// The constraint at the training states (`count × n`, in training-point order).
  /// - Throws: when the constraint cannot be evaluated there (non-finite gradients).
  func training(at states: StateBatch) throws -> any BatchConstraint
}

/// A constraint as it acts on batches of predictions during training.
public protocol BatchConstraint: Sendable {
  /// The constraint restricted to the training points at `indices` (a batch), in that order.
  func batch(_ indices: [Int]) -> any BatchConstraint
  /// f̃ for the batch's predicted field f (`rows × n`) and the pullback of f ↦ f̃
  /// (a vector–Jacobian product); nil when the constraint leaves f unchanged.
  func constrained(_ f: Matrix) -> (value: Matrix, pullback: (Matrix) -> Matrix)?
  /// A term added to the loss for the field f, and its gradient with respect to f;
  /// nil when the constraint adds none.
  func penalty(_ f: Matrix) -> (value: Double, gradient: Matrix)?
}

// MARK: - Default implementations

extension BatchConstraint {
  /// No change to f.
  public func constrained(_ f: Matrix) -> (value: Matrix, pullback: (Matrix) -> Matrix)? { nil }
  /// No penalty.
  public func penalty(_ f: Matrix) -> (value: Double, gradient: Matrix)? { nil }
}

extension Matrix {
  /// Each row of the predicted field after `constraint` (differentiable with respect to
  /// the field through the constraint's own pullback).
  @differentiable(reverse,wrt: self)
  func constrained(by constraint: any BatchConstraint) -> Matrix {
    constraint.constrained(self)?.value ?? self
  }

  @derivative(of: constrained, wrt: self)
  func _vjpConstrained(by constraint: any BatchConstraint) -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    guard let (value, pullback) = constraint.constrained(self) else { return (self, { $0 }) }
    return (value, { v in v.isSymbolicZero ? .zero : pullback(v) })
  }

  /// The constraint's penalty for this field (0 when it adds none), differentiable with
  /// respect to the field through the constraint's own gradient.
  @differentiable(reverse,wrt: self)
  func penalty(of constraint: any BatchConstraint) -> Double {
    constraint.penalty(self)?.value ?? 0
  }

  @derivative(of: penalty, wrt: self)
  func _vjpPenalty(of constraint: any BatchConstraint) -> (value: Double, pullback: (Double) -> Matrix) {
    guard let (value, gradient) = constraint.penalty(self) else { return (0, { _ in .zero }) }
    return (value, { v in v == 1 ? gradient : v * gradient })
  }
}

/// A constraint whose parameters (an invariant network) go into a model archive, so that
/// a model trained through it is rebuilt with it.
public protocol ArchivableConstraint: ConstraintLayer {
  /// Its settings and arrays (names prefixed so they do not clash with the model's).
  func archive() -> ModelArchive
}
