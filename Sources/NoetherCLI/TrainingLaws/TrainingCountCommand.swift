import ArgumentParser
import Foundation
import TrainingLaws

/// `noether training-laws count`: the number of independent conservation laws of a
/// two-layer network's gradient or heavy-ball flow, and those of degree ≤ 2 as formulas.
struct TrainingCountCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "count",
    abstract:
      "Count the independent conservation laws of a two-layer network's training flow (D − dim Lie(W) at a generic point) and list those of degree ≤ 2."
  )

  @OptionGroup var options: NetworkOptions

  @Option(help: "The flow: gradient or heavy-ball.")
  var flow = "gradient"

  @Flag(help: "Count by exact brackets even where the fields are affine (a cross-check; no formulas).")
  var brackets = false

  @Flag(help: "Print JSON instead of text.")
  var json = false

  func run() throws {
    guard let flow = TrainingFlow(rawValue: flow) else {
      throw ValidationError("--flow '\(self.flow)' is not one of gradient, heavy-ball.")
    }
    let architecture = try options.architecture()
    let start = Date()
    if flow == .gradient, brackets || architecture.layerCount > 2 || architecture.activation == .tanh {
      let result = try cliResult {
        try BracketCount(architecture, seed: options.seed) { depth, words, rank in
          printError("exact brackets: depth \(depth), \(words) independent fields, trace rank \(rank)")
        }
      }
      printBracketCount(result, seconds: Date().timeIntervalSince(start))
      return
    }
    let result = try cliResult { try LawEnumeration.count(architecture, flow: flow, seed: options.seed) }
    let seconds = Date().timeIntervalSince(start)
    if json {
      let object: [String: Any] = [
        "network": architecture.activation.rawValue, "widths": architecture.widths,
        "bias": architecture.hasBias,
        "flow": flow.rawValue, "state_dimension": result.stateDimension, "count": result.count,
        "trace_rank": result.traceRank, "algebra_dimension": result.algebraDimension,
        "rank_gap": result.rankGap.isFinite ? result.rankGap : "inf",
        "activation_patterns": result.patternCount,
        "formula_count": result.formulaCount.map { $0 as Any } ?? NSNull(),
        "quadratic_laws": result.quadraticLaws.map {
          ["formula": $0.formula, "rate": $0.rate] as [String: Any]
        },
        "quadratic_law_rank": result.quadraticLawRank, "seconds": seconds,
      ]
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
      print(String(decoding: data, as: UTF8.self))
      return
    }
    print("\(architecture), \(flow.rawValue) flow: \(result.count) independent conservation laws")
    print(
      "  state dimension \(result.stateDimension), dim Lie(W)(θ) = \(result.traceRank) (algebra of \(result.algebraDimension) fields, \(result.patternCount) activation pattern(s)), rank gap \(String(format: "%.3g", result.rankGap))"
    )
    if let formula = result.formulaCount {
      print("  closed form (Marcotte, Gribonval and Peyré): \(formula)")
    }
    print(
      "  laws of degree ≤ 2: \(result.quadraticLaws.count) linearly independent, \(result.quadraticLawRank) functionally independent"
    )
    for law in result.quadraticLaws { print("    \(law.formula)") }
    print(String(format: "  %.3f s", seconds))
  }

  /// The count of a network whose fields are not affine (exact brackets; no formulas).
  func printBracketCount(_ result: BracketCount, seconds: Double) {
    let trace = result.trace
    if json {
      let object: [String: Any] = [
        "network": result.architecture.activation.rawValue, "widths": result.architecture.widths,
        "bias": result.architecture.hasBias, "flow": "gradient", "method": "exact brackets",
        "state_dimension": result.architecture.parameterCount, "count": result.count,
        "trace_rank": trace.rank,
        "bracket_depth": trace.depth, "words": trace.wordCount, "closed": trace.closed,
        "rank_gap": trace.rankGap.isFinite ? trace.rankGap : "inf", "seconds": seconds,
      ]
      if let data = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
      {
        print(String(decoding: data, as: UTF8.self))
      }
      return
    }
    print("\(result.architecture), gradient flow: \(result.count) independent conservation laws")
    print(
      "  by exact brackets (the fields are not affine): dim Lie(W)(θ) = \(trace.rank) of \(result.architecture.parameterCount), \(trace.wordCount) independent fields to depth \(trace.depth), \(trace.closed ? "closed" : trace.rank == result.architecture.parameterCount ? "full rank (0 laws, exactly)" : "NOT closed (limit reached): the count is an upper bound"), rank gap \(String(format: "%.3g", trace.rankGap))"
    )
    print("  laws as formulas: searched only for two-layer linear and ReLU networks")
    print(String(format: "  %.3f s", seconds))
  }
}
