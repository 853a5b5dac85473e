import Foundation
import NoetherCompare
import NoetherCore
import NoetherSystems
import Synchronization
import Testing

@testable import NoetherCompare

/// The order a method's fit starts in, across the methods of a comparison.
private let fitOrder = Mutex<[String]>([])

/// A user's method that says it is slow: the least-squares linear field, logged.
private struct CostlyLinearFit: ComparisonMethod {
  var name: String { "costly-linear-fit" }
  var expectedCost: Double { 3 }
  func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    fitOrder.withLock { $0.append("\(name) \(context.seed)") }
    return try LinearFit().fit(data, context: context)
  }
}

/// A method with the default cost that logs when it starts.
private struct LoggedLinearFit: ComparisonMethod {
  var name: String { "logged-linear-fit" }
  func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    fitOrder.withLock { $0.append("\(name) \(context.seed)") }
    return try LinearFit().fit(data, context: context)
  }
}

@Suite(.serialized) struct MethodScheduleTests {
  typealias Task = MethodSchedule.Task

  @Test func theCostliestTasksOfEverySeedStartFirst() {
    // The main job's costs: baseline, concernet, soft, hnn, sindy, concernet-exact.
    let schedule = MethodSchedule(costs: [1, 2, 1.2, 1.5, 0.05, 1], seedCount: 2)
    let expected: [(Int, Int)] = [
      (0, 1), (1, 1), (0, 3), (1, 3), (0, 2), (1, 2), (0, 0), (0, 5), (1, 0), (1, 5), (0, 4), (1, 4),
    ]
    #expect(schedule.tasks == expected.map { Task(seed: $0.0, method: $0.1) })
  }

  @Test func workersRunEveryTaskExactlyOnce() {
    let schedule = MethodSchedule(costs: [3, 1, 2, 1, 0.5], seedCount: 7)
    for workers in [1, 2, 8] {
      let seen = Mutex<[Task]>([])
      schedule.run(workers: workers) { task in seen.withLock { $0.append(task) } }
      let visited = seen.withLock { $0 }
      #expect(visited.count == 35)
      #expect(Set(visited.map { [$0.seed, $0.method] }).count == 35)
      if workers == 1 { #expect(visited == schedule.tasks) }
    }
  }

  /// A user's method's cost decides when it starts, on one worker; on every core the
  /// numbers are bitwise the same.
  @Test func aUsersCostOrdersItsFitsAndNeverItsNumbers() throws {
    let system = SpringMass()
    var experiment = tinyExperiment(system, seeds: 2, methods: ["baseline"])
    experiment.methods += [LoggedLinearFit(), CostlyLinearFit()]
    experiment.settings.parallel = false
    fitOrder.withLock { $0 = [] }
    let serial = try ComparisonRunner().run(experiment)
    let seeds = experiment.seeds
    #expect(
      fitOrder.withLock { $0 } == [
        "costly-linear-fit \(seeds[0])", "costly-linear-fit \(seeds[1])", "logged-linear-fit \(seeds[0])",
        "logged-linear-fit \(seeds[1])",
      ])
    experiment.settings.parallel = true
    let parallel = try ComparisonRunner().run(experiment)
    #expect(serial.runs.map(\.method) == parallel.runs.map(\.method))
    #expect(serial.runs.map(\.seed) == [seeds[0], seeds[0], seeds[0], seeds[1], seeds[1], seeds[1]])
    for (a, b) in zip(serial.runs, parallel.runs) {
      #expect(a.seed == b.seed)
      #expect(
        bitwiseEqual(
          a.metrics.filter { !$0.key.hasPrefix("wall") }, b.metrics.filter { !$0.key.hasPrefix("wall") }))
      #expect(a.rollout.map(\.bitPattern) == b.rollout.map(\.bitPattern))
    }
  }
}
