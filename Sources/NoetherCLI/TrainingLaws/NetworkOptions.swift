import ArgumentParser
import TrainingLaws

/// The network every `training-laws` subcommand takes: activation, widths, biases, seed.
struct NetworkOptions: ParsableArguments {
  @Option(help: "The hidden layers' activation: linear, relu or tanh.")
  var network = "linear"

  @Option(help: "Widths from input to output, comma-separated (for example 3,2,2).")
  var widths = "3,2,2"

  @Flag(help: "Give every layer a bias.")
  var bias = false

  @Option(help: "Seed of the generic point, the data and the runs.")
  var seed: UInt64 = 2023

  /// The network the options name.
  /// - Throws: `ValidationError` naming the option and the fix.
  func architecture() throws -> NetworkArchitecture {
    guard let activation = HiddenActivation(rawValue: network) else {
      throw ValidationError("--network '\(network)' is not one of linear, relu, tanh.")
    }
    let parts = widths.split(separator: ",", omittingEmptySubsequences: false)
    let values = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard values.count == parts.count, values.count >= 2, values.allSatisfy({ (1...64).contains($0) }) else {
      throw ValidationError(
        "--widths '\(widths)' must be two or more whole numbers in 1…64, comma-separated, input first (for example 3,2,2)."
      )
    }
    return try cliResult { try NetworkArchitecture(widths: values, activation: activation, hasBias: bias) }
  }
}
