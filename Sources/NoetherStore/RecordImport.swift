import Foundation
import NoetherCore

/// Turns a table of measurements into a dataset in Noether's layout: rows grouped into
/// trajectories (by a trajectory column, else one trajectory), ordered by a time column,
/// checked, and, when the trajectories do not share one time grid (dropped samples,
/// different lengths), cut into gap-free pieces of equal length (or, with `keepGaps`,
/// kept whole with their own lengths and time stamps as measured); the last pieces (or
/// trajectories) in time order are the test split; derivatives are estimated from the
/// states and the noise per component from the record (`NoiseLevel.estimated(from:)`)
/// unless the options state it.
///
/// A step is regular when it is within 10⁻⁶ of the record's median step h; a step of
/// about k·h (k ≥ 2) is a gap of k − 1 dropped samples; any other step is refused when
/// cutting (pieces share one time grid) and kept as it is with `keepGaps`.
public enum RecordImport {
  /// Which columns mean what, how the record is cut and split, and how ẋ is estimated.
  public struct Options: Sendable {
    /// The column that numbers trajectories (trials); nil: a column named `trajectory`
    /// or `trial` if there is one, else one trajectory.
    public var trajectoryColumn: String?
    /// The time column; nil: a column named `t` or `time`.
    public var timeColumn: String?
    /// The state columns, in order; nil: every other column.
    public var stateColumns: [String]?
    /// Samples per piece when the record is cut; nil: the largest length that keeps at
    /// least 90 % of the samples in at least 4 pieces (else the longest gap-free run).
    public var pieceLength: Int?
    /// Keep every trajectory whole with its time stamps as measured (dropped samples and
    /// uneven steps kept as uneven steps) instead of cutting the record into gap-free
    /// pieces; trajectories may then differ in length and time stamps.
    public var keepGaps = false
    /// The fraction of pieces (or trajectories), the last in time, kept for testing; with
    /// `splitSamples`, the fraction of each trajectory's samples, the last in time.
    public var testFraction = 0.2
    /// Split within each trajectory (its last samples test) instead of between
    /// trajectories (`SampleSplit`, `noether import --split samples`).
    public var splitSamples = false
    /// A `DifferentiationRegistry` spec for the derivatives; nil: finite differences.
    public var derivatives: String?
    /// The record's system name; nil: the file's name without its extension.
    public var systemName: String?
    /// The noise σ the record's maker states: one for every state column, or one per
    /// state column in order; nil: estimated from the record, per component.
    public var noise: [Double]?

    public init() {}
  }

  /// The dataset `table` holds.
  /// - Throws: `StoreError.badTable` naming the file, the line and the column at fault.
  public static func dataset(from table: MeasuredTable, options: Options = Options()) throws
    -> TrajectoryDataset
  {
    let columns = try RecordColumns(table: table, options: options)
    let times = try table.numbers(columns.time)
    let states = try columns.states.map { try table.numbers($0) }
    let groups = try trajectories(table, columns: columns, times: times)
    let grid = try RecordGrid(
      table: table, groups: groups, times: times, pieceLength: options.pieceLength, keepGaps: options.keepGaps
    )
    let pieces = grid.pieces
    // One trajectory is all training (discovery can use it; a comparison needs a test split).
    let testCount =
      options.splitSamples || pieces.count < 2
      ? 0 : min(pieces.count - 1, max(1, Int((options.testFraction * Double(pieces.count)).rounded(.up))))
    let n = columns.states.count
    var values = [Double]()
    values.reserveCapacity(pieces.reduce(0) { $0 + $1.count } * n)
    for piece in pieces {
      for row in piece { for j in 0..<n { values.append(states[j][row]) } }
    }
    let split = (0..<pieces.count).map { $0 < pieces.count - testCount ? TrajectorySplit.train : .test }
    let stateNames = columns.states.map { table.columnNames[$0] }
    let stated = try options.noise.map { levels in
      guard levels.count == 1 || levels.count == n else {
        throw NoetherError.invalidParameter(
          name: "noise", value: levels.map { "\($0)" }.joined(separator: ","),
          requirement:
            "gives \(levels.count) levels for the \(n) state columns of '\(table.path)' (\(stateNames.joined(separator: ", "))); give one σ for all, or one per column in that order"
        )
      }
      return try NoiseLevel(givenByComponent: levels)
    }
    let (registry, spec) = (DifferentiationRegistry.shared, options.derivatives ?? "finite-difference")
    let method =
      try stated.map { try registry.differentiation(spec, level: $0) } ?? registry.differentiation(spec)
    let whole = try TrajectorySet(
      times: grid.times, states: values, derivatives: values, dimension: n, split: split
    ).rederived(with: method)
    let sampleSplit =
      try options.splitSamples ? SampleSplit.split(whole, testFraction: options.testFraction) : nil
    let set = sampleSplit?.set ?? whole
    let name =
      options.systemName ?? URL(fileURLWithPath: table.path).deletingPathExtension().lastPathComponent
    let source =
      "'\(table.path)', a \(table.delimiter.rawValue)-separated table: states \(stateNames.joined(separator: ", ")), time \(table.columnNames[columns.time])\(columns.trajectory.map { ", trajectories by \(table.columnNames[$0])" } ?? ""); \(grid.summary); \(sampleSplit?.summary ?? (testCount == 0 ? "one trajectory, all for training (cut it into pieces, with --piece-length and without --gaps keep, or split it with --split samples, to test)" : "the last \(testCount) of \(pieces.count) for testing")); derivatives by \(method.name)"
    return TrajectoryDataset(
      systemName: name, stateNames: stateNames, trajectories: set, noise: stated ?? .estimated(from: set),
      seed: 0,
      protocolName: "record", source: source)
  }

  /// The rows of each trajectory, in order of first appearance, each sorted by time.
  /// - Throws: `StoreError.badTable` at a repeated or decreasing time, or a trajectory of one sample.
  static func trajectories(_ table: MeasuredTable, columns: RecordColumns, times: [Double]) throws -> [[Int]]
  {
    var order = [String]()
    var rows = [String: [Int]]()
    for i in table.rows.indices {
      let key = columns.trajectory.map { table.rows[i][$0] } ?? ""
      if rows[key] == nil { order.append(key) }
      rows[key, default: []].append(i)
    }
    return try order.map { key in
      let group = rows[key]!
      for (a, b) in zip(group, group.dropFirst()) where !(times[b] > times[a]) {
        throw StoreError.badTable(
          path: table.path, line: table.lines[b],
          problem:
            "time \(table.rows[b][columns.time]) does not increase after \(table.rows[a][columns.time]) (line \(table.lines[a]))\(key.isEmpty ? "" : " within trajectory \(key)"); sort the rows or fix the time"
        )
      }
      guard group.count >= 2 else {
        throw StoreError.badTable(
          path: table.path, line: table.lines[group[0]],
          problem: "trajectory \(key) has one sample; a trajectory needs at least 2 (leave it out)")
      }
      return group
    }
  }
}
