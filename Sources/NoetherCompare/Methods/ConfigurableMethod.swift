/// A method that can be made from the common options, so that a registry (and the
/// command line) can build it by name. Its own settings keep their defaults where the
/// options say nothing.
public protocol ConfigurableMethod: ComparisonMethod {
  /// The name it is registered under (`concernet`).
  static var methodName: String { get }
  /// A one-line description for listings.
  static var summary: String { get }
  /// The method for `problem` with `options` mapped onto its settings.
  /// - Throws: `NoetherError.invalidParameter` for options it cannot take on this
  ///   problem (more invariants than the space allows), before anything runs.
  init(options: MethodOptions, problem: MethodProblem) throws
}
