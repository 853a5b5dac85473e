import ConCerNet
import Foundation
import HNN
import NoetherCore
import NoetherLearning
import NoetherSystems
import SINDy

/// Times each training phase of each method on the spring-mass and Kepler reference
/// data (seed 2023, noise 0.01, reference settings: 1000 epochs, 10 trajectories per
/// contrastive batch, 100 points per dynamics batch), with the effective GFLOP/s.
enum MethodsBenchmark {
  struct Phase {
    let name: String
    let seconds: Double
    let steps: Int
    let flops: Double
  }

  /// - Parameter only: limit to systems whose label is listed (`spring`, `kepler`).
  static func run(only: [String] = []) {
    var phases = [Phase]()
    if only.isEmpty || only.contains("spring") { phases += measure(SpringMass(), label: "spring") }
    if only.isEmpty || only.contains("kepler") { phases += measure(Kepler(), label: "kepler") }
    var json = [String: [String: Double]]()
    for p in phases {
      json[p.name] = [
        "seconds": p.seconds, "steps": Double(p.steps),
        "ms_per_step": 1000 * p.seconds / Double(max(p.steps, 1)),
        "gflops": p.flops / p.seconds / 1e9,
      ]
    }
    print(
      String(
        decoding: try! JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self))
  }

  /// Multiply-adds of one forward pass of an MLP per point.
  static func macs(_ sizes: [Int]) -> Double {
    zip(sizes, sizes.dropFirst()).reduce(0) { $0 + Double($1.0 * $1.1) }
  }

  static func measure(_ system: some DynamicalSystem, label: String) -> [Phase] {
    let data = try! DatasetGenerator().generate(system, protocol: system.referenceProtocol).trajectories
    let train = data.training
    let n = system.dimension
    let points = Double(train.trajectoryCount * train.pointCount)
    let epochs = 1000
    func log(_ message: String) { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    func timed<T>(_ body: () throws -> T) -> (T, Double) {
      let start = Date()
      let value = try! body()
      return (value, Date().timeIntervalSince(start))
    }
    var phases = [Phase]()
    // Contrastive phase: forward + backward of g (≈ 3 × 2 flops per multiply-add), plus
    // the O(B²) Square Ratio Loss.
    let contrastive = ContrastiveInvariantLearner()
    let (invariant, tc) = timed { try contrastive.learnInvariants(from: data) }
    let contrastiveSteps = epochs * ((train.trajectoryCount + 9) / 10)
    let batchPoints = Double(10 * train.pointCount)
    let srl = 8 * batchPoints * batchPoints * Double(contrastiveSteps)
    phases.append(
      Phase(
        name: "\(label)/contrastive", seconds: tc, steps: contrastiveSteps,
        flops: 6 * macs([n, 100, 100, 1]) * points * Double(epochs) + srl))
    log("\(label) contrastive: \(String(format: "%.2f", tc)) s")

    let dynamicsSteps = epochs * Int((points / 100).rounded(.up))
    let dynamicsFlops = 6 * macs([n, 100, 100, n]) * points * Double(epochs)
    let (_, td) = timed { try ConCerNetLearner().fit(data, invariant: invariant) }
    phases.append(
      Phase(name: "\(label)/concernet-dynamics", seconds: td, steps: dynamicsSteps, flops: dynamicsFlops))
    log("\(label) concernet dynamics: \(String(format: "%.2f", td)) s")

    let (_, tb) = timed { try BaselineLearner().fit(data) }
    phases.append(Phase(name: "\(label)/baseline", seconds: tb, steps: dynamicsSteps, flops: dynamicsFlops))
    log("\(label) baseline: \(String(format: "%.2f", tb)) s")

    // HNN: forward, input gradient and its parameter gradient ≈ 5 passes.
    let (_, th) = timed { try HamiltonianLearner().fit(data) }
    phases.append(
      Phase(
        name: "\(label)/hnn", seconds: th, steps: dynamicsSteps,
        flops: 10 * macs([n, 100, 100, 1]) * points * Double(epochs)))
    log("\(label) hnn: \(String(format: "%.2f", th)) s")

    let (_, ts) = timed { try SINDyLearner().fit(data) }
    phases.append(Phase(name: "\(label)/sindy-fit", seconds: ts, steps: 1, flops: 0))
    log("\(label) sindy fit: \(String(format: "%.4f", ts)) s")
    return phases
  }
}
