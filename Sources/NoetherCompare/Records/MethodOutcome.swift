/// How one method fared on one seed.
public enum MethodOutcome: Sendable, Equatable {
  /// Trained and evaluated.
  case completed
  /// The method does not apply to this system (an HNN on an odd dimension); the reason says why.
  case notApplicable(String)
  /// Training or the rollout failed, or produced non-finite values; the reason says where.
  case failed(String)

  public var label: String {
    switch self {
    case .completed: return "completed"
    case .notApplicable: return "not applicable"
    case .failed: return "failed"
    }
  }

  /// The reason of a run that did not complete, else nil.
  public var reason: String? {
    switch self {
    case .completed: return nil
    case .notApplicable(let reason), .failed(let reason): return reason
    }
  }
}
