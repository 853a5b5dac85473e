import NoetherCore
import SINDy

/// The trajectories on which a library term is not finite at some state (ln of a value
/// ≤ 0 that noise pushed below zero, 1/r at r = 0): discovery leaves them out and says
/// how many, instead of refusing the data, as long as at least two remain.
struct UndefinedTerms {
  /// The trajectories kept, in order.
  let kept: [Int]
  /// The trajectories left out, with the first undefined term and state of the first one.
  let leftOut: Int
  let firstTerm: String?

  /// - Throws: `NoetherError.invalidParameter` naming the term and state when fewer than
  ///   two trajectories remain.
  init(_ data: TrajectorySet, library: any FeatureLibrary, stateNames: [String]) throws {
    let names = library.featureNames(stateNames: stateNames)
    let p = names.count
    let states = StateBatch(
      count: data.trajectoryCount * data.pointCount, dimension: data.dimension, values: data.states)
    let theta = library.features(states)
    var kept = [Int]()
    var first: (term: String, state: Int)?
    for k in 0..<data.trajectoryCount {
      let range = (k * data.pointCount * p)..<((k + 1) * data.pointCount * p)
      if let bad = theta[range].firstIndex(where: { !$0.isFinite }) {
        if first == nil { first = (names[bad % p], bad / p) }
      } else {
        kept.append(k)
      }
    }
    if let first, kept.count < 2 {
      throw NoetherError.invalidParameter(
        name: "library term", value: "'\(first.term)'",
        requirement:
          "is not finite at state \(first.state) of the data (ln of a value ≤ 0, or 1/r at r = 0) on \(data.trajectoryCount - kept.count) of \(data.trajectoryCount) trajectories, leaving fewer than 2; choose another library"
      )
    }
    self.kept = kept
    leftOut = data.trajectoryCount - kept.count
    firstTerm = first?.term
  }
}
