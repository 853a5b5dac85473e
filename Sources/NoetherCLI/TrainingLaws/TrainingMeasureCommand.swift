import ArgumentParser
import Foundation
import TrainingLaws

/// `noether training-laws measure`: recorded runs of GD, SGD, heavy ball, Adam and weight
/// decay on one network; each law's drift against its closed-form prediction; the slope
/// test; the runs in HDF5.
struct TrainingMeasureCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "measure",
    abstract:
      "Record training runs (gd, sgd, heavy ball, adam, weight decay) and measure each conservation law's drift against its closed-form prediction, and the drift against the learning rate."
  )

  @OptionGroup var options: NetworkOptions

  @Option(help: "Data points (normal inputs, a noisy linear teacher, MSE).")
  var samples = 20

  @Option(help: "Standard deviation of the inputs.")
  var inputScale = 0.5

  @Option(help: "Steps per run.")
  var steps = 2000

  @Option(help: "Write the runs here (HDF5, format noether-training-runs).")
  var out: String?

  @Flag(help: "Print JSON instead of text.")
  var json = false

  func validate() throws {
    if !(4...100_000).contains(samples) {
      throw ValidationError("--samples must be in 4…100000, got \(samples).")
    }
    if !(inputScale > 0 && inputScale <= 1e3) {
      throw ValidationError("--input-scale must be in (0, 1000], got \(inputScale).")
    }
    if !(1...1_000_000).contains(steps) {
      throw ValidationError("--steps must be in 1…1000000, got \(steps).")
    }
  }

  func run() throws {
    let architecture = try options.architecture()
    let study = try cliResult {
      try DriftStudy(
        architecture: architecture, samples: samples, steps: steps, inputScale: inputScale, seed: options.seed
      )
    }
    if let out {
      try cliResult { try TrainingRunFile.write(study.runs, loss: study.loss, laws: study.laws, to: out) }
    }
    let rows = study.runs.map { run -> [String: Any] in
      [
        "optimiser": run.optimiser.key, "learning_rate": run.learningRate, "weight_decay": run.weightDecay,
        "steps": run.steps, "relative_drift": run.relativeDrift, "final_loss": run.losses.last!,
        "worst_step_residual": run.stepResiduals.map { $0.max() ?? 0 as Any } ?? NSNull(),
      ]
    }
    let slope = study.slope
    if json {
      let object: [String: Any] = [
        "network": architecture.description, "laws": study.laws.map(\.formula), "runs": rows,
        "slope": [
          "learning_rates": slope.learningRates, "law_drifts": slope.lawDrifts, "law_slope": slope.lawSlope,
          "control_drifts": slope.controlDrifts, "control_slope": slope.controlSlope,
          "stiffness": slope.stiffness,
        ],
      ]
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
      print(String(decoding: data, as: UTF8.self))
      return
    }
    print("\(architecture), \(samples) points, MSE; laws of gradient flow:")
    for law in study.laws { print("  \(law.formula)") }
    print("optimiser             η       λ      steps  final loss  relative drift  worst one-step residual")
    for run in study.runs {
      let residual =
        run.stepResiduals.map { String(format: "%.2e", $0.max() ?? 0) } ?? "no closed form (measured)"
      let name = run.optimiser.description.padding(toLength: 20, withPad: " ", startingAt: 0)
      print(
        name
          + String(
            format: "  %-6g  %-5g  %5d  %.4e  %.3e       ", run.learningRate, run.weightDecay, run.steps,
            run.losses.last!, run.relativeDrift) + residual)
    }
    print(
      "drift at training time 2 against η \(slope.learningRates): laws \(slope.lawDrifts.map { String(format: "%.3e", $0) }) slope \(String(format: "%.3f", slope.lawSlope)); ‖W1‖² (not a law) \(slope.controlDrifts.map { String(format: "%.3e", $0) }) slope \(String(format: "%.3f", slope.controlSlope)); η_max·λ_max(∇²L) = \(String(format: "%.3f", slope.stiffness))"
    )
    if let out { print("wrote \(out)") }
  }
}
