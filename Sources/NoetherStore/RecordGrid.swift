/// The trajectories of a record on one shared time grid (``RecordImport``): as recorded
/// when every trajectory has the same times, else cut into gap-free pieces of equal
/// length on the grid 0, h, 2h, … of the record's median step h.
struct RecordGrid {
  /// The rows of each trajectory or piece, in time order.
  let pieces: [[Int]]
  /// The shared sampling times.
  let times: [Double]
  /// Samples per trajectory or piece.
  var length: Int { times.count }
  /// What was done, for the dataset's source.
  let summary: String

  /// - Throws: `StoreError.badTable` at a step that is neither the median step nor a
  ///   whole multiple of it, or for a piece length no gap-free run reaches.
  init(table: MeasuredTable, groups: [[Int]], times t: [Double], pieceLength: Int?) throws {
    let steps = groups.flatMap { g in zip(g, g.dropFirst()).map { t[$1] - t[$0] } }.sorted()
    let h = steps[steps.count / 2]
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
              "the step from time \(t[a]) to \(t[b]) is \(t[b] - t[a]), neither the record's step \(h) nor a multiple of it; Noether's layout shares one time grid, so resample the record first"
          )
        }
        gaps += 1
        runs.append(run)
        run = [b]
      }
      runs.append(run)
    }
    let total = groups.reduce(0) { $0 + $1.count }
    let sameTimes = groups.allSatisfy { g in
      g.count == groups[0].count
        && zip(g, groups[0]).allSatisfy { abs((t[$0] - t[g[0]]) - (t[$1] - t[groups[0][0]])) <= 1e-6 * h }
    }
    if gaps == 0, sameTimes, pieceLength == nil {
      pieces = groups
      times = groups[0].map { t[$0] - t[groups[0][0]] }
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
    times = (0..<chosen).map { Double($0) * h }
    summary =
      "\(gaps) gap(s) in the time stamps; cut into \(pieces.count) gap-free piece(s) of \(chosen) samples at step \(h) (\(total - pieces.count * chosen) of \(total) samples left out)"
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
