import ArgumentParser
import Foundation
import NoetherStore
import TrainingLaws

/// `noether training-laws depth`: a residual network of the plane trained on two
/// clusters, with the summed adjoint and its exact change per block.
struct TrainingDepthCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "depth",
    abstract:
      "Depth as time: train a residual network of translation-equivariant blocks on two clusters and follow the summed adjoint ∂L/∂x through the layers."
  )

  @Option(help: "Residual blocks.")
  var depth = 12

  @Option(help: "Hidden width of each block.")
  var width = 8

  @Option(help: "Gradient-descent steps.")
  var steps = 4000

  @Option(help: "Seed of the points and the initial parameters.")
  var seed: UInt64 = 2023

  @Option(help: "Write the figure here (SVG).")
  var plot: String?

  @Option(help: "Write the figures' data here (HDF5).")
  var out: String?

  func validate() throws {
    if !(1...200).contains(depth) { throw ValidationError("--depth must be in 1…200, got \(depth).") }
    if !(1...256).contains(width) { throw ValidationError("--width must be in 1…256, got \(width).") }
    if !(0...1_000_000).contains(steps) {
      throw ValidationError("--steps must be in 0…1000000, got \(steps).")
    }
  }

  func run() throws {
    let study = DepthAdjointStudy(
      network: ResidualPlaneNetwork(depth: depth, width: width), steps: steps, seed: seed)
    print(TrainingDepthCommand.table(study))
    if let plot {
      try cliResult {
        try writeAtomically(Data(TrainingLawFigures.adjointThroughDepth(study).utf8), to: plot)
      }
    }
    if let out { try cliResult { try DepthAdjointFile.write(study, to: out) } }
  }

  /// The per-layer table.
  static func table(_ study: DepthAdjointStudy) -> String {
    func f(_ v: Double) -> String { String(format: "%10.3e", v) }
    var lines = [
      "residual network of \(study.network.depth) blocks x + W2 tanh(W1 x + b1), width \(study.network.width); loss after training \(String(format: "%.3e", study.finalLoss))",
      "layer   Σp (x)      Σp (y)      |change|=|W1ᵀ∂L/∂b1|  identity residual  cluster 1 change  cluster 2 change",
    ]
    for l in 0...study.network.depth {
      let p = study.summedAdjoint[l]
      var line = String(format: "%5d ", l) + f(p[0]) + "  " + f(p[1])
      if l < study.network.depth {
        line += "  " + f(study.predictedChanges[l]) + "           " + f(study.identityResiduals[l])
        line += "         " + study.clusterChanges[l].map(f).joined(separator: "        ")
      }
      lines.append(line)
    }
    lines.append(
      "the total changes through block l by exactly W1ᵀ∂L/∂b1 (translation equivariance of the blocks), zero where training has made the loss stationary in b1 and here as small as gradient descent left it; a cluster's sum changes by W1ᵀ times its own share of the bias gradient, which is not a gradient of the loss and need not vanish at a stationary point"
    )
    return lines.joined(separator: "\n")
  }
}
