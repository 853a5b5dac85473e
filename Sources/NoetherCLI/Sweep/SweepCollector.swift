import NoetherCompare

/// Gathers a sweep's finished tasks into one comparison per cell (`SweepResults`),
/// and counts what is not finished.
public struct SweepCollector: Sendable {
  public let directory: SweepDirectory

  public init(directory: SweepDirectory) { self.directory = directory }

  /// The merged results and the tasks left out (failed before writing results, running
  /// or missing), by index. A task that ran but in which no method completed is in the
  /// tables, its runs marked failed with their reasons.
  /// - Throws: `CommandLineError` when the manifest or a results file cannot be read,
  ///   or when no task has finished.
  public func collect() throws -> (results: SweepResults, leftOut: [(index: Int, state: SweepTaskState)]) {
    let plan = try directory.readPlan()
    var leftOut = [(index: Int, state: SweepTaskState)]()
    var cells = [SweepResults.Cell]()
    for cell in plan.cells {
      var records = [ComparisonRecord]()
      for task in plan.tasks where task.cell == cell {
        let state = directory.state(of: task.index)
        let path = directory.resultsPath(task.index)
        guard state == .done || (state != .running && ResultsFile.isResultsFile(path)) else {
          leftOut.append((task.index, state))
          continue
        }
        records.append(try cliResult { try ResultsFile.read(from: path) })
      }
      if !records.isEmpty {
        cells.append(
          SweepResults.Cell(
            trajectories: cell.trajectories, points: cell.points, record: SweepResults.merge(records)))
      }
    }
    guard !cells.isEmpty else {
      throw CommandLineError(
        "no task of the sweep '\(directory.path)' has finished; run it with `noether sweep run \(directory.path)` (see `noether sweep status`)."
      )
    }
    return (SweepResults(name: plan.name, cells: cells), leftOut)
  }
}
