/// Which columns of a table of measurements are the time, the trajectory label and the
/// states (``RecordImport``).
struct RecordColumns {
  let time: Int
  let trajectory: Int?
  let states: [Int]

  /// - Throws: `StoreError.badTable` for a column that is not there, no time column,
  ///   or a state column that is also the time or the trajectory label.
  init(table: MeasuredTable, options: RecordImport.Options) throws {
    let lower = table.columnNames.map { $0.lowercased() }
    if let name = options.timeColumn {
      time = try table.column(name, option: "--time-column")
    } else if let k = lower.firstIndex(where: { $0 == "t" || $0 == "time" }) {
      time = k
    } else {
      throw StoreError.badTable(
        path: table.path, line: nil,
        problem:
          "has no column named t or time; name the time column with --time-column (columns: \(table.columnNames.joined(separator: ", ")))"
      )
    }
    if let name = options.trajectoryColumn {
      trajectory = try table.column(name, option: "--trajectory-column")
    } else {
      trajectory = lower.firstIndex { $0 == "trajectory" || $0 == "trial" }
    }
    let labels = [time] + (trajectory.map { [$0] } ?? [])
    if let names = options.stateColumns {
      states = try names.map { try table.column($0, option: "--states") }
    } else {
      states = table.columnNames.indices.filter { !labels.contains($0) }
    }
    if let clash = states.first(where: { labels.contains($0) }) {
      throw StoreError.badTable(
        path: table.path, line: nil,
        problem: "column '\(table.columnNames[clash])' is both a state and the time or trajectory column")
    }
    guard !states.isEmpty else {
      throw StoreError.badTable(
        path: table.path, line: nil, problem: "has no state columns besides the time and trajectory columns")
    }
  }
}
