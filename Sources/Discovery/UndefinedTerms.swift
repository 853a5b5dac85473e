import NoetherCore

/// The points at which a library term is not finite (ln of a value ≤ 0 where noise pushed
/// a state below zero, 1/r at r = 0). Discovery leaves those points out and says how
/// many, instead of refusing the data: every fit and test skips them (they are not
/// `PreparedData.kept`). A trajectory left with fewer than 3 defined points leaves whole.
/// The data are refused when a term is undefined at more than a tenth of the points: then
/// it is the library, not the noise (and a tenth at most always leaves two trajectories
/// of 3 defined points or more when there were two).
struct UndefinedTerms {
  /// The fewest defined points a trajectory keeps to stay in.
  static let minimumPoints = 3
  /// The largest share of the points at which a term may be undefined: beyond it the
  /// library does not describe the data (ln of a quantity that changes sign), not noise.
  static let largestShare = 0.1

  /// The kept trajectories' points, one after another.
  let keptLayout: TrajectoryLayout
  /// The trajectories kept, in order.
  let kept: [Int]
  /// Per point of the kept trajectories (trajectory after trajectory): whether every
  /// term is finite there.
  let defined: [Bool]
  /// How many trajectories were left out whole.
  let leftOutTrajectories: Int
  /// How many points of the kept trajectories were left out.
  let leftOutPoints: Int
  /// The first term found undefined (nil when none is).
  let firstTerm: String?

  /// - Parameters:
  ///   - theta: the library's values, row-major [points, names.count].
  ///   - names: the library's term names.
  ///   - layout: which points are whose trajectory.
  /// - Throws: `NoetherError.invalidParameter` naming the term and state when more than a
  ///   tenth of the points are undefined.
  init(theta: [Double], names: [String], layout: TrajectoryLayout) throws {
    let p = names.count
    var (kept, defined, leftOutPoints, undefinedCount) = ([Int](), [Bool](), 0, 0)
    var first: (term: String, state: Int)?
    for k in 0..<layout.count {
      let mask = layout.range(k).map { i in
        let row = theta[(i * p)..<((i + 1) * p)]
        if first == nil, let bad = row.firstIndex(where: { !$0.isFinite }) {
          first = (names[bad % p], bad / p)
        }
        return row.allSatisfy(\.isFinite)
      }
      let count = mask.filter { $0 }.count
      undefinedCount += mask.count - count
      if count >= Self.minimumPoints {
        kept.append(k)
        defined += mask
        leftOutPoints += mask.count - count
      }
    }
    if let first, Double(undefinedCount) > Self.largestShare * Double(layout.pointCount) {
      throw NoetherError.invalidParameter(
        name: "library term", value: "'\(first.term)'",
        requirement:
          "is not finite at state \(first.state) and at \(undefinedCount) of \(layout.pointCount) points in all, more than a tenth: the library does not describe these data (ln of a quantity that changes sign, or 1/r where r reaches 0), which noise alone does not explain; choose another library"
      )
    }
    (self.kept, self.defined, self.leftOutPoints) = (kept, defined, leftOutPoints)
    keptLayout = layout.selecting(kept)
    leftOutTrajectories = layout.count - kept.count
    firstTerm = first?.term
  }

  /// True when some point or trajectory was left out.
  var leavesSomethingOut: Bool { leftOutTrajectories > 0 || leftOutPoints > 0 }

  /// The kept trajectories (indices among them) with every point defined: the balance
  /// search integrates along whole trajectories and takes only these.
  func wholeTrajectories() -> [Int] {
    kept.indices.filter { k in defined[keptLayout.range(k)].allSatisfy { $0 } }
  }

  /// For each point of the kept trajectories, the point whose values stand in for it in
  /// the stages that take every point: itself where defined, else the nearest defined
  /// point of its trajectory (the earlier one on a tie). Such a point is never `kept`, so
  /// no fit or test uses it; the stand-in only keeps every array finite. Indices count the
  /// kept trajectories' points, one after another.
  func standIns() -> [Int] {
    var result = [Int]()
    result.reserveCapacity(defined.count)
    for range in keptLayout.ranges {
      let good = range.filter { defined[$0] }
      for i in range {
        result.append(defined[i] ? i : good.min { abs($0 - i) < abs($1 - i) }!)
      }
    }
    return result
  }
}
