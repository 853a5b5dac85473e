import NoetherCore

/// A method that a comparison runs: it says whether it applies to a problem, and fits a
/// model (with the invariants the model carries, if any) to one seed's training data.
///
/// The built-in methods (baseline, ConCerNet, soft penalty, HNN, SINDy) conform in the
/// `NoetherMethods` target and are registered by name like a user's; a method's own
/// settings live in its type, with defaults. Work that several methods of a seed share
/// (a contrastively learned invariant, an autoencoder) is asked for from the
/// ``MethodContext``, which computes it once.
public protocol ComparisonMethod: Sendable {
  /// The name in tables, files and `--methods` (`concernet`).
  var name: String { get }
  /// Why the method cannot run on `problem` (an HNN on an odd dimension), or nil.
  func inapplicability(to problem: MethodProblem) -> String?
  /// Fits the model to the training split of `data`.
  /// - Throws: any error; the comparison reports the run as failed with its message
  ///   and runs the other methods.
  func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel
  /// Roughly how long a fit and its rollouts take, in units of one network training of
  /// the reference protocol (the baseline's: 1). The comparison starts the costliest
  /// (seed, method) tasks first, so that the cores finish together instead of one
  /// waiting for a long task started last; only the order depends on it, never a number.
  var expectedCost: Double { get }
}

// MARK: - Default implementations

extension ComparisonMethod {
  /// Applies to every problem.
  public func inapplicability(to problem: MethodProblem) -> String? { nil }
  /// One network training.
  public var expectedCost: Double { 1 }
}
