import Foundation
import NoetherPlot

/// The report's figures as SVG: drift against steps per optimiser, drift against η, and
/// the summed adjoint through depth.
public enum TrainingLawFigures {
  /// max over laws of |Qₗ(θₖ) − Qₗ(θ₀)| against the step k, one line per run (log scale;
  /// zeros are not drawn).
  public static func driftAgainstSteps(_ runs: [RecordedRun]) -> String {
    let series = runs.enumerated().map { index, run -> LineSeries in
      let steps = Array(1...run.steps)
      let drift = steps.map { k in
        zip(run.lawValues[k], run.lawValues[0]).map { abs($0 - $1) }.max() ?? 0
      }
      let name = run.optimiser.description + (run.weightDecay > 0 ? ", λ \(run.weightDecay)" : "")
      return LineSeries(name: name, x: steps.map(Double.init), y: drift, color: Palette.series(index))
    }
    var plot = LinePlot(
      title: "Drift of the laws along each run", xLabel: "step", yLabel: "max |Q − Q₀|", series: series)
    plot.yScale = .logarithmic
    return plot.svgText
  }

  /// The laws' and the control's drift at fixed training time against η (log–log).
  public static func driftAgainstLearningRate(_ slope: SlopeTest) -> String {
    var plot = LinePlot(
      title: "Drift at training time 2 against η", xLabel: "learning rate η", yLabel: "drift",
      series: [
        LineSeries(
          name: "laws (slope \(String(format: "%.3f", slope.lawSlope)))", x: slope.learningRates,
          y: slope.lawDrifts,
          color: Palette.series(0)),
        LineSeries(
          name: "‖W1‖² (slope \(String(format: "%.3f", slope.controlSlope)))", x: slope.learningRates,
          y: slope.controlDrifts, color: Palette.series(1), dashed: true),
      ])
    plot.xScale = .logarithmic
    plot.yScale = .logarithmic
    return plot.svgText
  }

  /// Σ pₗ's components against the layer, for all samples and for each cluster.
  public static func adjointThroughDepth(_ study: DepthAdjointStudy) -> String {
    let layers = (0...study.network.depth).map(Double.init)
    var series: [LineSeries] = []
    for (component, label) in ["x", "y"].enumerated() {
      series.append(
        LineSeries(
          name: "all points, \(label)", x: layers, y: study.summedAdjoint.map { $0[component] },
          color: Palette.series(component), width: 2.5))
      for (c, sums) in study.clusterAdjoints.enumerated() {
        series.append(
          LineSeries(
            name: "cluster \(c + 1), \(label)", x: layers, y: sums.map { $0[component] },
            color: Palette.series(component), dashed: c == 0))
      }
    }
    return LinePlot(
      title: "Summed adjoint ∂L/∂x through depth", xLabel: "layer l", yLabel: "Σ pₗ component", series: series
    ).svgText
  }
}
