import Foundation

/// Placeholder until the neural core lands (issue 3).
enum TrainingBenchmark {
  static func run(arguments: [String]) {
    FileHandle.standardError.write(Data("training benchmark: not built yet\n".utf8))
    exit(2)
  }
}
