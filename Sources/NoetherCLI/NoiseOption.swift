import ArgumentParser
import NoetherCore

/// `--noise`: one σ for every state component (`0.01`), or σ per component in state order
/// (`0.005,0.02`: a record in mixed units, such as an angle and an angular velocity).
struct NoiseOption: ExpressibleByArgument, Sendable {
  /// The levels as given: one, or one per state component.
  let levels: [Double]

  init?(argument: String) {
    let items = argument.split(separator: ",", omittingEmptySubsequences: false).map {
      Double($0.trimmingCharacters(in: .whitespaces))
    }
    guard !items.isEmpty, items.allSatisfy({ $0 != nil }) else { return nil }
    levels = items.map { $0! }
  }

  /// The one σ given; nil for a list of several.
  var single: Double? { levels.count == 1 ? levels[0] : nil }

  /// The level of data with the given state names: one σ for all, or one per component.
  /// - Throws: `CommandLineError` naming `--noise`, `file` and the components when the
  ///   count is neither 1 nor their number, or a level is not a finite number ≥ 0.
  func level(stateNames: [String], file: String) throws -> NoiseLevel {
    guard levels.count == 1 || levels.count == stateNames.count else {
      throw CommandLineError(
        "--noise gives \(levels.count) levels, but \(file) has \(stateNames.count) state components (\(stateNames.joined(separator: ", "))); give one σ for all, or one per component in that order."
      )
    }
    return try cliResult { try NoiseLevel(givenByComponent: levels) }
  }

  /// A one-line reason when a level is not a finite number ≥ 0; nil when all are.
  var problem: String? {
    levels.allSatisfy({ $0 >= 0 && $0.isFinite })
      ? nil
      : "--noise must be a finite number ≥ 0, or one per state component separated by commas, got \(levels.map { "\($0)" }.joined(separator: ","))."
  }
}
