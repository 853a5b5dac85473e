/// Independent Gaussian noise N(0, σ²) added to every state component and every
/// derivative component, as in the ConCerNet reference protocol.
public struct GaussianNoise: Sendable, Equatable {
  /// σ, the standard deviation; 0 leaves the data exact.
  public let standardDeviation: Double

  /// - Throws: `NoetherError.invalidParameter` if σ is negative or not finite.
  public init(standardDeviation: Double) throws {
    guard standardDeviation >= 0, standardDeviation.isFinite else {
      throw NoetherError.invalidParameter(
        name: "noise", value: "\(standardDeviation)", requirement: "must be a finite number ≥ 0")
    }
    self.standardDeviation = standardDeviation
  }

  /// Adds noise to the states, then to the derivatives, drawing in storage order.
  public func apply(to set: inout TrajectorySet, using generator: inout SeededGenerator) {
    guard standardDeviation > 0 else { return }
    for i in set.states.indices { set.states[i] += standardDeviation * generator.nextNormal() }
    for i in set.derivatives.indices {
      set.derivatives[i] += standardDeviation * generator.nextNormal()
    }
  }
}
