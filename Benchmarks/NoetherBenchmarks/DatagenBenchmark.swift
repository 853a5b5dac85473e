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

enum StepProbe {
  static func run() {
    for system in BuiltInSystems.all {
      let p = system.referenceProtocol
      var g = SeededGenerator(seed: 1)
      let x0 = system.sampleInitialStates(count: 16, for: .training, using: &g)
      let start = Date()
      let s = DormandPrince45().integrate(system, from: x0, at: p.times)
      print(system.name, s.steps, s.evaluations, Date().timeIntervalSince(start))
    }
  }
}

enum NoiseProbe {
  static func run() {
    var g = SeededGenerator(seed: 1)
    var s = 0.0
    let start = Date()
    for _ in 0..<4_040_000 { s += g.nextNormal() }
    print("4.04M normals", Date().timeIntervalSince(start), s)
  }
}
