import NoetherCore

/// The trajectories on which a library term is not finite at some state (ln of a value
/// ≤ 0 that noise pushed below zero, 1/r at r = 0): discovery leaves them out and says
/// how many, instead of refusing the data, as long as at least two remain.
struct UndefinedTerms {
  /// The trajectories kept, in order.
  let kept: [Int]
  /// How many trajectories were left out.
  let leftOut: Int
  /// The first term found undefined (nil when none is).
  let firstTerm: String?

  /// - Parameters:
  ///   - theta: the library's values, row-major [trajectories · steps, names.count].
  ///   - names: the library's term names.
  /// - Throws: `NoetherError.invalidParameter` naming the term and state when fewer than
  ///   two trajectories remain.
  init(theta: [Double], names: [String], trajectories: Int, steps: Int) throws {
    let p = names.count
    var kept = [Int]()
    var first: (term: String, state: Int)?
    for k in 0..<trajectories {
      let range = (k * steps * p)..<((k + 1) * steps * p)
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
          "is not finite at state \(first.state) of the data (ln of a value ≤ 0, or 1/r at r = 0) on \(trajectories - kept.count) of \(trajectories) trajectories, leaving fewer than 2; choose another library"
      )
    }
    self.kept = kept
    leftOut = trajectories - kept.count
    firstTerm = first?.term
  }
}
