import Discovery
import Foundation
import NoetherCore
import NoetherLearning
import NoetherSystems
import SINDy

/// `Benchmarks/run projection`: what step projection costs a rollout. A baseline network
/// (200 epochs) on each system's reference data rolls out from the evaluation states
/// over the evaluation horizon with Dormand–Prince at rtol 1e-10, without and with
/// projection onto the invariants discovered from its training data, back to back, 5
/// times; prints the median times, their ratio, and the largest relative change of the
/// projected invariants, then one JSON line.
enum ProjectionBenchmark {
  static func run() {
    var figures = [String: Any]()
    for system in [SpringMass(), Kepler()] as [any DynamicalSystem] {
      let settings = system.referenceProtocol
      let data = try! DatasetGenerator().generate(system, protocol: settings).trajectories
      let training = DynamicsNetworkTraining(
        network: NetworkSettings(hidden: [100, 100], activation: system.preferredActivation),
        training: TrainingSettings(epochs: 200, seed: 2023))
      let model = NeuralDynamicsModel(
        methodName: "baseline", network: try! training.fit(data, method: "baseline"))
      let spec = system.defaultDiscoveryLibrary
      let library = try! FeatureLibraryRegistry.shared.library(spec)
      let train = data.training
      let found = try! InvariantDiscovery(library: library, librarySpec: spec).discover(
        train, stateNames: system.stateNames, noise: try! NoiseLevel(given: settings.noise),
        knownInvariants: system.invariants)
      let invariants = found.invariants.independentSubset(at: train.allStates)
      var generator = SeededGenerator(seed: 2023 &+ 1_000_003)
      let initial = system.sampleInitialStates(
        count: settings.evaluationTrajectoryCount, for: .evaluation, using: &generator)
      let plain = DormandPrince45(
        relativeTolerance: settings.relativeTolerance, absoluteTolerance: settings.absoluteTolerance)
      var projected = plain
      projected.projection = ManifoldProjection(invariants)
      var (without, with) = ([Double](), [Double]())
      var kept = 0.0
      for _ in 0..<5 {
        var start = Date()
        _ = model.rollout(from: initial, at: settings.evaluationTimes, integrator: plain)
        without.append(Date().timeIntervalSince(start))
        start = Date()
        let rollout = model.rollout(from: initial, at: settings.evaluationTimes, integrator: projected)
        with.append(Date().timeIntervalSince(start))
        kept = largestChange(invariants, rollout)
      }
      let (a, b) = (median(without), median(with))
      print(
        "\(system.name): \(invariants.invariantCount) invariant(s) (\(invariants.names.joined(separator: ", "))); rollout \(String(format: "%.3f", a)) s, with projection \(String(format: "%.3f", b)) s (×\(String(format: "%.2f", b / a))); largest relative change \(String(format: "%.1e", kept))"
      )
      figures[system.name] = [
        "plain_seconds": a, "projected_seconds": b, "ratio": b / a, "largest_change": kept,
      ]
    }
    let data = try! JSONSerialization.data(
      withJSONObject: ["benchmark": "projection", "systems": figures], options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
  }

  static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

  static func largestChange(_ invariants: SymbolicInvariant, _ rollout: Solution) -> Double {
    let steps = rollout.times.count
    let m = invariants.invariantCount
    let values = invariants.values(
      at: StateBatch(count: rollout.count * steps, dimension: rollout.dimension, values: rollout.states))
    var worst = 0.0
    for t in 0..<rollout.count {
      for k in 0..<m {
        let start = values[(t * steps) * m + k]
        for i in 0..<steps {
          worst = max(worst, abs(values[(t * steps + i) * m + k] - start) / max(1, abs(start)))
        }
      }
    }
    return worst
  }
}
