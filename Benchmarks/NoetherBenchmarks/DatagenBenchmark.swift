import Foundation
import NoetherCore
import NoetherSystems

/// Times the generation of the four reference datasets and of 1000 spring-mass
/// trajectories (the reference's R² check), each the median of three runs.
enum DatagenBenchmark {
  static func run() {
    var jobs: [(String, () throws -> TrajectoryDataset)] = []
    for system in BuiltInSystems.all {
      jobs.append(
        (system.name, { try DatasetGenerator().generate(system, protocol: system.referenceProtocol) }))
    }
    jobs.append(
      (
        "spring-mass-1000",
        {
          try DatasetGenerator().generate(
            SpringMass(), protocol: SpringMass().referenceProtocol.resized(trajectories: 1000))
        }
      ))
    var results = [String: Double]()
    for (name, job) in jobs {
      var times = [Double]()
      for _ in 0..<3 {
        let start = Date()
        _ = try! job()
        times.append(Date().timeIntervalSince(start))
      }
      results[name] = times.sorted()[1]
      FileHandle.standardError.write(
        Data("noether \(name): \(String(format: "%.4f", results[name]!)) s\n".utf8))
    }
    let json = try! JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
  }
}
