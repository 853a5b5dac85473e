import NoetherCore
import NoetherPlot

/// A sweep's curves: for each system, the mean over seeds of the MSE and of each
/// invariant's violation (log y axis), and of each learned invariant's R² against the
/// true one (linear y axis, for methods that learn one), against the noise σ (at each
/// training-set size) and against the number of training trajectories and of points
/// (at each noise level), one line per method, on a log x axis. σ = 0 is drawn at a
/// tenth of the smallest positive σ.
public struct SweepFigures {
  public let results: SweepResults

  public init(_ results: SweepResults) { self.results = results }

  /// An axis of the grid: its label and how to read it off a cell.
  struct GridAxis: Sendable {
    let name: String
    let label: String
    let value: @Sendable (SweepResults.Cell) -> Double
    /// The other axes, which a curve holds fixed.
    let rest: @Sendable (SweepResults.Cell) -> [Double]
  }

  static let axes = [
    GridAxis(
      name: "noise", label: "noise σ", value: { $0.record.noise },
      rest: { [Double($0.trajectories), Double($0.points)] }),
    GridAxis(
      name: "trajectories", label: "training trajectories", value: { Double($0.trajectories) },
      rest: { [$0.record.noise, Double($0.points)] }),
    GridAxis(
      name: "points", label: "points per trajectory", value: { Double($0.points) },
      rest: { [$0.record.noise, Double($0.trajectories)] }),
  ]

  public var all: [ResultFigures.Figure] {
    var figures = [ResultFigures.Figure]()
    let systems = results.cells.map(\.record.systemName).reduce(into: [String]()) {
      if !$0.contains($1) { $0.append($1) }
    }
    for system in systems {
      let cells = results.cells.filter { $0.record.systemName == system }
      for axis in Self.axes {
        let groups = Dictionary(grouping: cells, by: { axis.rest($0) })
        for (fixed, group) in groups.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) })
        where Set(group.map(axis.value)).count >= 2 {
          figures += curves(system: system, axis: axis, fixed: fixed, cells: group)
        }
      }
    }
    return figures
  }

  private func curves(
    system: String, axis: GridAxis, fixed: [Double], cells: [SweepResults.Cell]
  ) -> [ResultFigures.Figure] {
    let sorted = cells.sorted { axis.value($0) < axis.value($1) }
    let positive = sorted.map(axis.value).filter { $0 > 0 }
    let zeroAt = (positive.min() ?? 1) / 10
    let xs = sorted.map { axis.value($0) > 0 ? axis.value($0) : zeroAt }
    let methods = sorted[0].record.methods
    let invariants = sorted[0].record.invariantNames
    let fixedText =
      axis.name == "noise"
      ? "\(Int(fixed[0])) training trajectories × \(Int(fixed[1])) points"
      : axis.name == "trajectories"
        ? "σ = \(fixed[0]), \(Int(fixed[1])) points"
        : "σ = \(fixed[0]), \(Int(fixed[1])) training trajectories"
    let slug = ([system, "against", axis.name] + fixed.map { NumberFormat.short($0) }).joined(separator: "-")
    var measures: [(name: String, label: String, key: String, logarithmic: Bool)] = [
      ("mse", "MSE (mean over seeds)", MeanSquaredError.key, true)
    ]
    for invariant in invariants {
      let violation = InvariantViolation.keyPrefix + invariant
      measures.append(("violation-\(invariant)", "\(invariant) violation (mean over seeds)", violation, true))
      let r2 = InvariantR2.keyPrefix + invariant
      measures.append(("r2-\(invariant)", "R² against \(invariant) (mean over seeds)", r2, false))
    }
    return measures.compactMap { measure in
      let series = methods.enumerated().compactMap { k, method -> LineSeries? in
        let ys = sorted.map { cell -> Double in
          let values = cell.record.runs(of: method).filter { $0.outcome == .completed }
            .compactMap { $0.metrics[measure.key] }.filter(\.isFinite)
          return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        }
        guard ys.contains(where: { measure.logarithmic ? $0 > 0 : $0.isFinite }) else { return nil }
        return LineSeries(name: method, x: xs, y: ys, color: Palette.series(k))
      }
      guard !series.isEmpty else { return nil }
      var plot = LinePlot(
        title:
          "\(system): \(measure.label.replacingOccurrences(of: " (mean over seeds)", with: "")) against \(axis.label)",
        xLabel: axis.label, yLabel: measure.label,
        series: series)
      plot.xScale = .logarithmic
      plot.yScale = measure.logarithmic ? .logarithmic : .linear
      let zeroNote =
        axis.name == "noise" && sorted.contains { axis.value($0) == 0 }
        ? " σ = 0 is drawn at \(NumberFormat.short(zeroAt))." : ""
      return ResultFigures.Figure(
        name: slug + "-" + measure.name, svg: plot.svgText,
        caption:
          "\(measure.label) against \(axis.label) on \(system), \(fixedText); mean over the seeds that completed.\(zeroNote)"
      )
    }
  }
}
