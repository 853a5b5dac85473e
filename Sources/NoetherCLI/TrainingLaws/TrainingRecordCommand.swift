import ArgumentParser
import Foundation
import NoetherCore
import NoetherStore
import TrainingLaws

/// `noether training-laws record`: gradient-flow (or heavy-ball) runs of a network as a
/// trajectory file, which `noether discover --data` reads like any record.
struct TrainingRecordCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record",
    abstract:
      "Write training runs (θ along gradient or heavy-ball flow, each from its own random θ₀) as a trajectory file for `noether discover --data`."
  )

  @OptionGroup var options: NetworkOptions

  @Option(help: "The flow: gradient or heavy-ball.")
  var flow = "gradient"

  @Option(help: "Runs (trajectories).")
  var runs = 10

  @Option(help: "Training time of each run.")
  var duration = 4.0

  @Option(help: "Recorded points per run.")
  var points = 41

  @Option(help: "Data points (normal inputs, a noisy linear teacher, MSE).")
  var samples = 20

  @Option(help: "The trajectory file to write (HDF5).")
  var out: String

  func validate() throws {
    if !(1...10_000).contains(runs) { throw ValidationError("--runs must be in 1…10000, got \(runs).") }
    if !(duration > 0 && duration <= 1e4) {
      throw ValidationError("--duration must be in (0, 1e4], got \(duration).")
    }
    if !(3...100_000).contains(points) {
      throw ValidationError("--points must be in 3…100000, got \(points).")
    }
    if !(4...100_000).contains(samples) {
      throw ValidationError("--samples must be in 4…100000, got \(samples).")
    }
  }

  func run() throws {
    guard let flow = TrainingFlow(rawValue: flow) else {
      throw ValidationError("--flow '\(self.flow)' is not one of gradient, heavy-ball.")
    }
    let architecture = try options.architecture()
    var generator = SeededGenerator(seed: options.seed)
    let data = TrainingData.teacher(count: samples, architecture: architecture, loss: .mse, using: &generator)
    let loss = try cliResult { try NetworkLoss(architecture: architecture, data: data, loss: .mse) }
    let dataset: TrajectoryDataset
    switch flow {
    case .gradient:
      let laws =
        (try? LawEnumeration.count(architecture, flow: .gradient, seed: options.seed))?.quadraticLaws ?? []
      let system = GradientFlowSystem(
        loss: loss, laws: laws, runs: runs, duration: duration, points: points, seed: options.seed)
      dataset = try cliResult { try DatasetGenerator().generate(system, protocol: system.referenceProtocol) }
    case .heavyBall:
      let system = HeavyBallSystem(
        loss: loss, runs: runs, duration: duration, points: points, seed: options.seed)
      dataset = try cliResult { try DatasetGenerator().generate(system, protocol: system.referenceProtocol) }
    }
    try cliResult { try TrajectoryFile.write(dataset, to: out) }
    print(
      "wrote \(out): \(runs) \(flow.rawValue)-flow runs of \(architecture) (\(dataset.stateNames.count) state components, \(points) points over training time \(duration)); known laws: \(dataset.exactInvariants.count)"
    )
  }
}
