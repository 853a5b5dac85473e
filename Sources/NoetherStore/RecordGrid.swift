/// The trajectories of a record and their sampling times (``RecordImport``): as recorded
/// when every trajectory has the same times, else cut into gap-free pieces of equal
/// length on the grid 0, h, 2h, … of the record's median step h; or, with `keepGaps`,
/// kept whole with their own lengths and time stamps as measured (dropped samples and
/// uneven steps kept as uneven steps).
struct RecordGrid {
  /// The rows of each trajectory or piece, in time order.
  let pieces: [[Int]]
  /// Each trajectory's or piece's sampling times, counted from its start.
  let times: [[Double]]
  /// What was done, for the dataset's source.
  let summary: String

  /// - Throws: `StoreError.badTable` at a step that is neither the median step nor a
  ///   whole multiple of it (when cutting), or for a piece length no gap-free run reaches.
  init(table: MeasuredTable, groups: [[Int]], times t: [Double], pieceLength: Int?, keepGaps: Bool = false)
    throws
  {
    let steps = groups.flatMap { g in zip(g, g.dropFirst()).map { t[$1] - t[$0] } }.sorted()
    let h = steps[steps.count / 2]
    if keepGaps {
      (pieces, times, summary) = Self.keeping(groups, times: t, step: h)
      return
    }
    var runs = [[Int]]()
    var gaps = 0
    for group in groups {
      var run = [group[0]]
      for (a, b) in zip(group, group.dropFirst()) {
        let ratio = (t[b] - t[a]) / h
        if abs(ratio - 1) <= 1e-6 {
          run.append(b)
          continue
        }
        guard ratio > 1.5, abs(ratio - ratio.rounded()) <= 1e-3 else {
          throw StoreError.badTable(
            path: table.path, line: table.lines[b],
            problem:
              "the step from time \(t[a]) to \(t[b]) is \(t[b] - t[a]), neither the record's step \(h) nor a multiple of it, so the record cannot be cut into pieces on one grid; keep its time stamps as measured with noether import --gaps keep, or resample it"
          )
        }
        gaps += 1
        runs.append(run)
        run = [b]
      }
      runs.append(run)
    }
    let total = groups.reduce(0) { $0 + $1.count }
    if gaps == 0, Self.shareTimes(groups, times: t, step: h), pieceLength == nil {
      pieces = groups
      times = [[Double]](repeating: groups[0].map { t[$0] - t[groups[0][0]] }, count: groups.count)
      summary = "\(groups.count) trajectory(ies) of \(groups[0].count) samples at step \(h), as recorded"
      return
    }
    let longest = runs.map(\.count).max() ?? 0
    let chosen = pieceLength ?? Self.automaticLength(runs: runs.map(\.count), total: total)
    guard chosen >= 2, chosen <= longest else {
      throw StoreError.badTable(
        path: table.path, line: nil,
        problem:
          "cannot be cut into pieces of \(chosen) samples: its longest gap-free run has \(longest); choose --piece-length 2…\(longest)"
      )
    }
    pieces = runs.flatMap { run in
      stride(from: 0, through: run.count - chosen, by: chosen).map { Array(run[$0..<($0 + chosen)]) }
    }
    times = [[Double]](repeating: (0..<chosen).map { Double($0) * h }, count: pieces.count)
    summary =
      "\(gaps) gap(s) in the time stamps; cut into \(pieces.count) gap-free piece(s) of \(chosen) samples at step \(h) (\(total - pieces.count * chosen) of \(total) samples left out)"
  }

  /// Every trajectory whole, its time stamps from its start as measured.
  private static func keeping(_ groups: [[Int]], times t: [Double], step h: Double)
    -> (pieces: [[Int]], times: [[Double]], summary: String)
  {
    // Time stamps equal to the first trajectory's within 10⁻⁶ of a step are its, exactly.
    let shared = shareTimes(groups, times: t, step: h)
    let own = groups.map { group in group.map { t[$0] - t[group[0]] } }
    let times = shared ? [[Double]](repeating: own[0], count: groups.count) : own
    let uneven = times.reduce(0) { count, own in
      count + zip(own, own.dropFirst()).filter { abs(($1 - $0) / h - 1) > 1e-6 }.count
    }
    let steps = groups.reduce(0) { $0 + $1.count - 1 }
    let lengths = groups.map(\.count)
    let sizes =
      lengths.min() == lengths.max()
      ? "of \(lengths[0]) samples" : "of \(lengths.min()!) to \(lengths.max()!) samples"
    return (
      groups, times,
      "\(groups.count) trajectory(ies) \(sizes) kept whole with \(groups.count == 1 ? "its" : shared ? "their shared" : "their own") time stamps (median step \(h); \(uneven) of \(steps) steps uneven, dropped samples among them, kept as uneven steps)"
    )
  }

  /// True when every trajectory has the first one's time stamps, counted from its start:
  /// as many samples, each within 10⁻⁶ of the step h.
  private static func shareTimes(_ groups: [[Int]], times t: [Double], step h: Double) -> Bool {
    let first = groups[0]
    return groups.dropFirst().allSatisfy { group in
      group.count == first.count
        && group.indices.allSatisfy {
          abs((t[group[$0]] - t[group[0]]) - (t[first[$0]] - t[first[0]])) <= 1e-6 * h
        }
    }
  }

  /// The largest length that keeps at least 90 % of the samples in at least 4 pieces;
  /// else the longest run.
  static func automaticLength(runs: [Int], total: Int) -> Int {
    let longest = runs.max() ?? 0
    for length in stride(from: longest, through: 2, by: -1) {
      let count = runs.reduce(0) { $0 + $1 / length }
      if count >= 4, Double(count * length) >= 0.9 * Double(total) { return length }
    }
    return longest
  }
}
