import NoetherCore

/// Between the packed points of trajectories of different lengths (NoetherCore's
/// `TrajectoryLayout`) and the rectangular arrays a file holds: trajectory k's values in
/// row k of an [N, T_max, width] array, NaN past its own length (docs/hdf5-schema.md,
/// "trajectories with their own time stamps").
public enum RaggedPadding {
  /// The packed values (`width` per point) laid out [N, T_max, width], NaN past each
  /// trajectory's end.
  public static func padded(_ values: [Double], layout: TrajectoryLayout, width: Int) -> [Double] {
    let longest = layout.longestLength
    var out = [Double](repeating: .nan, count: layout.count * longest * width)
    for k in 0..<layout.count {
      let range = layout.range(k)
      let source = values[(range.lowerBound * width)..<(range.upperBound * width)]
      out.replaceSubrange((k * longest * width)..<((k * longest + range.count) * width), with: source)
    }
    return out
  }

  /// The first `lengths[k]` rows of each trajectory k of an [N, T_max, width] array, packed.
  static func unpadded(_ values: [Double], lengths: [Int], longest: Int, width: Int) -> [Double] {
    var out = [Double]()
    out.reserveCapacity(lengths.reduce(0, +) * width)
    for (k, length) in lengths.enumerated() {
      out += values[(k * longest * width)..<((k * longest + length) * width)]
    }
    return out
  }
}

extension TrajectoryFile {
  /// The per-trajectory sample counts of a file with a `lengths` dataset ([N] int32, each
  /// 1…T_max, the longest T_max); nil when it has none (every trajectory has T_max
  /// samples). `object` names the dataset and `padded` the array whose second dimension
  /// is T_max (a results file's `evaluation/lengths` and `evaluation/time`).
  /// - Throws: `StoreError.wrongLayout` for another shape or a count out of range.
  public static func readLengths(
    _ file: HDF5File, object: String = "lengths", padded: String = "states", count n: Int, longest t: Int,
    path: String
  ) throws -> [Int]? {
    guard file.exists(object) else { return nil }
    let lengths = try file.readInt32s(object)
    guard lengths.shape == [n], lengths.values.allSatisfy({ $0 >= 1 && Int($0) <= t }),
      lengths.values.contains(Int32(t))
    else {
      throw StoreError.wrongLayout(
        path: path, object: object,
        problem:
          "must be [\(n)] sample counts, each 1…\(t), the longest \(t) (the second dimension of '\(padded)')")
    }
    return lengths.values.map { Int($0) }
  }

  /// The time stamps: one row, `time` [T] shared by all trajectories, or with `lengths`
  /// one row per trajectory of [N, T_max], each strictly increasing up to its length.
  /// (Nothing of N's size is made for shared times: a damaged file may declare any N,
  /// which the read of `states` refuses.)
  /// `object` names the dataset (a results file's `evaluation/time`).
  /// - Throws: `StoreError.wrongLayout` for another shape, a non-finite or a
  ///   non-increasing time.
  public static func readTimes(
    _ file: HDF5File, object: String = "time", count n: Int, longest t: Int, lengths: [Int]?, path: String
  ) throws -> [[Double]] {
    let expected = lengths == nil ? [t] : [n, t]
    let shape = try file.shape(of: object)
    guard shape == expected else {
      throw StoreError.wrongLayout(
        path: path, object: object,
        problem:
          "has shape \(shape), expected \(expected)\(lengths == nil ? " (or [\(n), \(t)] with a 'lengths' dataset)" : "")"
      )
    }
    let values = try file.readDoubles(object).values
    let rows =
      lengths.map { lengths in
        (0..<n).map { k in Array(values[(k * t)..<(k * t + lengths[k])]) }
      } ?? [values]
    for (k, row) in rows.enumerated() {
      let at = { (j: Int) in lengths == nil ? "\(object)[\(j)]" : "\(object)[\(k), \(j)]" }
      if let j = row.firstIndex(where: { !$0.isFinite }) {
        throw StoreError.wrongLayout(
          path: path, object: object, problem: "\(at(j)) is \(row[j]); times must be finite")
      }
      if let j = (1..<max(row.count, 1)).first(where: { !(row[$0] > row[$0 - 1]) }) {
        throw StoreError.wrongLayout(
          path: path, object: object,
          problem: "is not increasing: \(at(j)) = \(row[j]) follows \(at(j - 1)) = \(row[j - 1])")
      }
    }
    return rows
  }
}
