import NoetherCore
import NoetherPlot

/// The figures of one comparison, drawn from its first seed: model rollouts against the
/// truth (phase portraits and state against time, or heat maps for a field), MSE and
/// conservation violation over time on log axes with every method on one plot, and for
/// 2-D systems the learned invariants' level sets beside the true invariants'.
///
/// Each figure is SVG text with a caption; `HTMLReport` lays them out.
public struct ResultFigures {
  /// One figure: its name, SVG text and caption.
  public struct Figure {
    /// A short file-name-safe name, unique within one comparison (`mse-over-time`).
    public let name: String
    public let svg: String
    public let caption: String
  }

  public let record: ComparisonRecord
  /// Trajectories drawn in each phase portrait.
  public var portraitTrajectories = 3

  public init(_ record: ComparisonRecord) { self.record = record }

  /// The seed whose rollouts are drawn: the first whose stored truth has the shape
  /// [N, T, n] that the evaluation times and state names imply (nil: nothing to draw).
  public var seed: UInt64? {
    record.seeds.first { seed in
      guard let truth = record.truth[seed], steps > 0, !truth.isEmpty else { return false }
      return truth.count % (steps * dimension) == 0
    }
  }

  private var dimension: Int { max(record.stateNames.count, 1) }
  private var steps: Int { record.evaluationSteps }
  /// The times of evaluation trajectory `trajectory` (its own, when each has them).
  private func times(of trajectory: Int) -> [Double] {
    record.evaluationTimeRows.isEmpty ? record.evaluationTimes : record.evaluationTimeRows[trajectory]
  }
  private var system: String { record.systemName }
  /// Evaluation trajectories per seed.
  private var trajectoryCount: Int {
    guard let seed, let truth = record.truth[seed] else { return 0 }
    return truth.count / (steps * dimension)
  }

  private func stateName(_ i: Int) -> String {
    record.stateNames.indices.contains(i) ? record.stateNames[i] : "x\(i + 1)"
  }

  /// Runs of the drawn seed that have a rollout, with their method's colour.
  private var drawnRuns: [(run: MethodRun, color: String)] {
    guard let seed else { return [] }
    return record.methods.enumerated().compactMap { k, method in
      guard let run = record.runs.first(where: { $0.method == method && $0.seed == seed }),
        run.rollout.count == (record.truth[seed]?.count ?? -1)
      else { return nil }
      return (run, Palette.series(k))
    }
  }

  /// Component `i` of trajectory `trajectory` over its times, from a [N, T, n] array.
  private func component(_ i: Int, of trajectory: Int, in states: [Double]) -> [Double] {
    (0..<times(of: trajectory).count).map { states[(trajectory * steps + $0) * dimension + i] }
  }

  /// Every figure, in reading order.
  public var all: [Figure] {
    var figures = [Figure]()
    if dimension > 6 {
      figures += heatMaps
    } else {
      figures += phasePortraits
      figures += statesOverTime
    }
    figures += errorCurves
    figures += invariantContours
    return figures
  }

  /// One panel per method: components 1 and 2 of the first trajectories, model solid,
  /// truth dashed, axes fitted to the truth (a model that runs off is clipped).
  var phasePortraits: [Figure] {
    guard dimension >= 2, let seed, let truth = record.truth[seed] else { return [] }
    let count = min(portraitTrajectories, truth.count / max(steps * dimension, 1))
    let cover = (0..<count).map { (component(0, of: $0, in: truth), component(1, of: $0, in: truth)) }
    return drawnRuns.map { run, color in
      var series = [LineSeries]()
      for k in 0..<count {
        series.append(
          LineSeries(
            name: "truth", x: cover[k].0, y: cover[k].1, color: "#555555", dashed: true, width: 1.2,
            inLegend: k == 0))
        series.append(
          LineSeries(
            name: run.method, x: component(0, of: k, in: run.rollout),
            y: component(1, of: k, in: run.rollout),
            color: color, inLegend: k == 0))
      }
      var plot = LinePlot(
        title: "\(system): \(run.method)", xLabel: stateName(0), yLabel: stateName(1), series: series)
      plot.xCover = cover.flatMap(\.0)
      plot.yCover = cover.flatMap(\.1)
      plot.width = 360
      plot.equalAspect = true
      return Figure(
        name: "phase-\(run.method)",
        svg: plot.svgText,
        caption:
          "\(run.method): \(stateName(1)) against \(stateName(0)) on \(count) evaluation trajectories (solid) and the truth (dashed), seed \(seed)."
      )
    }
  }

  /// One plot per state component: trajectory 1 of every method and the truth over time.
  var statesOverTime: [Figure] {
    guard let seed, let truth = record.truth[seed] else { return [] }
    return (0..<dimension).map { i in
      var series = [
        LineSeries(
          name: "truth", x: times(of: 0), y: component(i, of: 0, in: truth), color: "#222222",
          dashed: true, width: 1.4)
      ]
      series += drawnRuns.map { run, color in
        LineSeries(
          name: run.method, x: times(of: 0), y: component(i, of: 0, in: run.rollout), color: color)
      }
      var plot = LinePlot(
        title: "\(system): \(stateName(i))", xLabel: "time t", yLabel: stateName(i), series: series)
      let truthValues = component(i, of: 0, in: truth)
      let spread = max((truthValues.max() ?? 1) - (truthValues.min() ?? 0), 1e-9)
      plot.yCover = [(truthValues.min() ?? 0) - 0.5 * spread, (truthValues.max() ?? 1) + 0.5 * spread]
      return Figure(
        name: "state-\(stateName(i))",
        svg: plot.svgText, caption: "\(stateName(i)) over time on evaluation trajectory 1, seed \(seed).")
    }
  }

  /// MSE over time and each invariant's violation over time, log axes, all methods.
  var errorCurves: [Figure] {
    let runs = drawnRuns.filter { !$0.run.mseOverTime.isEmpty }
    guard !runs.isEmpty, let seed else { return [] }
    func plot(_ title: String, _ yLabel: String, _ values: (MethodRun) -> [Double]) -> String {
      var plot = LinePlot(
        title: title, xLabel: "time t", yLabel: yLabel,
        series: runs.map { run, color in
          LineSeries(name: run.method, x: record.evaluationTimes, y: values(run), color: color)
        })
      plot.yScale = .logarithmic
      return plot.svgText
    }
    var figures = [
      Figure(
        name: "mse-over-time",
        svg: plot("\(system): MSE over time", "squared error (mean over trajectories, components)") {
          $0.mseOverTime
        },
        caption:
          "Mean squared error against the truth at each time, over \(trajectoryCount) evaluation trajectories, seed \(seed)."
      )
    ]
    for invariant in record.invariantNames {
      figures.append(
        Figure(
          name: "violation-\(invariant)",
          svg: plot("\(system): \(invariant) violation", "(C(model) − C(truth))²") {
            $0.violationOverTime[invariant] ?? []
          },
          caption:
            "Conservation violation of the true \(invariant) at each time, mean over \(trajectoryCount) evaluation trajectories, seed \(seed)."
        ))
    }
    return figures
  }

  /// For 2-D systems: the true invariants' level sets, then each learned invariant's.
  var invariantContours: [Figure] {
    guard let grid = record.invariantGrid, let seed else { return [] }
    var figures = [Figure]()
    for invariant in record.invariantNames {
      guard let values = grid.trueValues[invariant],
        let field = GridValues(xs: grid.xs, ys: grid.ys, values: values)
      else { continue }
      let plot = ContourPlot(
        title: "\(system): true \(invariant)", xLabel: stateName(0), yLabel: stateName(1), grid: field)
      figures.append(
        Figure(
          name: "contour-true-\(invariant)", svg: plot.svgText,
          caption: "Level sets of the true \(invariant), at the same quantiles."))
    }
    for method in record.methods {
      guard let run = record.runs.first(where: { $0.method == method && $0.seed == seed }) else { continue }
      for (k, values) in run.learnedInvariantGrid.enumerated() {
        guard let field = GridValues(xs: grid.xs, ys: grid.ys, values: values) else { continue }
        let label = run.learnedInvariantGrid.count > 1 ? " \(k + 1)" : ""
        let plot = ContourPlot(
          title: "\(system): \(method) learned invariant\(label)", xLabel: stateName(0), yLabel: stateName(1),
          grid: field)
        figures.append(
          Figure(
            name: "contour-\(method)\(label.isEmpty ? "" : "-\(k + 1)")",
            svg: plot.svgText,
            caption:
              "Level sets of the invariant \(method) learned (seed \(seed)); levels sit at fixed quantiles of its values on the grid, so any monotone rescaling draws the same curves."
          ))
      }
    }
    return figures
  }

  /// For a field (many components): trajectory 1 over node and time, truth and each model,
  /// on the truth's colour range.
  var heatMaps: [Figure] {
    guard let seed, let truth = record.truth[seed] else { return [] }
    // The field's grid coordinates when the record has them, else node indices.
    let onGrid = record.gridCoordinates.count == dimension
    let nodes = onGrid ? record.gridCoordinates : (0..<dimension).map(Double.init)
    func field(_ states: [Double]) -> GridValues? {
      // Rows are nodes (y), columns are times (x).
      let xs = times(of: 0)
      var values = [Double](repeating: 0, count: dimension * xs.count)
      for t in xs.indices {
        for i in 0..<dimension { values[i * xs.count + t] = states[t * dimension + i] }
      }
      return GridValues(xs: xs, ys: nodes, values: values)
    }
    guard let truthField = field(truth) else { return [] }
    let range = truthField.finiteRange
    var maps = [(String, GridValues)]()
    maps.append(("truth", truthField))
    for (run, _) in drawnRuns {
      if let f = field(run.rollout) { maps.append((run.method, f)) }
    }
    return maps.map { label, grid in
      var map = HeatMap(
        title: "\(system): \(label)", xLabel: "time t", yLabel: onGrid ? "position" : "grid node",
        valueLabel: "value", grid: grid)
      map.valueRange = range
      return Figure(
        name: "field-\(label)",
        svg: map.svgText,
        caption:
          "\(label): the field on evaluation trajectory 1 over time (colour range of the truth), seed \(seed)."
      )
    }
  }
}
