import NoetherCore

/// An `InvariantLearner` that learns nothing: it returns invariants known in advance
/// (a system's exact ones, or formulas found by discovery), so they plug into the same
/// projection or penalty as learned ones.
public struct KnownInvariantLearner<Known: InvariantFunction>: InvariantLearner, Sendable {
  public let known: Known

  public init(_ known: Known) { self.known = known }

  public var invariantCount: Int { known.invariantCount }

  /// The known invariants; the data are only checked for their dimension.
  /// - Throws: `NoetherError.dimensionMismatch` when the data's dimension is not theirs.
  public func learnInvariants(from data: TrajectorySet) throws -> Known {
    guard data.dimension == known.inputDimension else {
      throw NoetherError.dimensionMismatch(
        what: "the data", expected: known.inputDimension, actual: data.dimension,
        system: "of the known invariants")
    }
    return known
  }
}
