import ArgumentParser
import Foundation
import TrainingLaws

/// `noether training-laws symmetry`: the data-symmetry table (loss × augmentation ×
/// model → law count).
struct TrainingSymmetryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "symmetry",
    abstract:
      "Count the conservation laws of gradient flow for tensorizable models trained on augmented data, under MSE and a logistic loss (D − dim Lie(W), exact brackets)."
  )

  @Option(help: "Seed of the samples and the generic point.")
  var seed: UInt64 = 2023

  @Flag(help: "Print JSON instead of text.")
  var json = false

  func run() throws {
    let rows = DataSymmetryExperiment.table(seed: seed)
    if json {
      let object = rows.map { row -> [String: Any] in
        [
          "model": row.model.rawValue, "input": row.widths.input, "hidden": row.widths.hidden,
          "output": row.widths.output,
          "augmentation": row.group.rawValue, "loss": row.loss.rawValue, "parameters": row.parameters,
          "count": row.count, "trace_rank": row.trace.rank, "closed": row.trace.closed,
          "depth": row.trace.depth,
          "words": row.trace.wordCount, "seconds": row.seconds,
          "rank_gap": row.trace.rankGap.isFinite ? row.trace.rankGap : "inf",
        ]
      }
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
      print(String(decoding: data, as: UTF8.self))
      return
    }
    print(
      "model            augmentation  loss      D  count  bracket depth  words  closed  rank gap  seconds")
    for row in rows {
      let name =
        row.model == .neuron
        ? "neuron (\(row.widths.input))"
        : "linear (\(row.widths.input),\(row.widths.hidden),\(row.widths.output))"
      print(
        name.padding(toLength: 17, withPad: " ", startingAt: 0)
          + row.group.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
          + row.loss.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
          + String(
            format: "%2d  %5d  %13d  %5d  %@  %8.1e  %7.2f", row.parameters, row.count, row.trace.depth,
            row.trace.wordCount, (row.trace.closed ? "yes   " : "no    ") as NSString, row.trace.rankGap,
            row.seconds))
    }
  }
}
