/// Errors from the core: bad input, each message saying what to do about it.
public enum NoetherError: Error, Equatable, CustomStringConvertible {
  /// States or data had the wrong dimension.
  case dimensionMismatch(what: String, expected: Int, actual: Int, system: String)
  /// An array had the wrong number of values.
  case shapeMismatch(what: String, expected: [Int], actual: [Int])
  /// Values contained NaN or infinity.
  case nonFiniteValues(what: String)
  /// A parameter was out of its valid range.
  case invalidParameter(name: String, value: String, requirement: String)
  /// No system or method is registered under this name.
  case unknownName(kind: String, name: String, choices: [String])
  /// A method cannot be applied to this system.
  case notApplicable(method: String, reason: String)
  /// An integration failed (non-finite state, step-size underflow).
  case integrationFailed(String)
  /// Training produced NaN or infinite values.
  case trainingDiverged(method: String, phase: String, epoch: Int)

  public var description: String {
    switch self {
    case .dimensionMismatch(let what, let expected, let actual, let system):
      return
        "\(what) has dimension \(actual), but system '\(system)' has dimension \(expected); give states with \(expected) components."
    case .shapeMismatch(let what, let expected, let actual):
      return "\(what) has shape \(actual), expected \(expected)."
    case .nonFiniteValues(let what):
      return "\(what) contains NaN or infinite values; remove or replace them before use."
    case .invalidParameter(let name, let value, let requirement):
      return "invalid \(name) \(value): \(requirement)."
    case .unknownName(let kind, let name, let choices):
      return "unknown \(kind) '\(name)'; valid choices: \(choices.joined(separator: ", "))."
    case .notApplicable(let method, let reason):
      return "\(method) does not apply: \(reason)."
    case .integrationFailed(let message):
      return "integration failed: \(message)."
    case .trainingDiverged(let method, let phase, let epoch):
      return
        "\(method) diverged in \(phase) at epoch \(epoch) (NaN or infinite loss); lower the learning rate or check the data for outliers."
    }
  }
}
