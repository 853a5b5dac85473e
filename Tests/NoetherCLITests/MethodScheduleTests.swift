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
      schedule.run(
        workers: workers,
        fit: { task -> Int? in
          seen.withLock { $0.append(task) }
          return nil
        }, evaluate: { _, _ in Issue.record("a fit that returns nil is not evaluated") })
      let visited = seen.withLock { $0 }
      #expect(visited.count == 35)
      #expect(Set(visited.map { [$0.seed, $0.method] }).count == 35)
      if workers == 1 { #expect(visited == schedule.tasks) }
    }
  }

  /// Every task is fitted once and evaluated once after its fit (nil fits are not
  /// evaluated); on one worker each evaluation follows its fit, on several every fit
  /// starts before the first evaluation.
  @Test func evaluationsFollowTheirFitsAndFillTheEnd() {
    let schedule = MethodSchedule(costs: [3, 1, 2, 1, 0.5], seedCount: 7)
    let skipped = Task(seed: 3, method: 4)
    for workers in [1, 2, 8] {
      let events = Mutex<[(String, Task)]>([])
      schedule.run(
        workers: workers,
        fit: { task -> Int? in
          events.withLock { $0.append(("fit", task)) }
          return task == skipped ? nil : task.seed * 10 + task.method
        },
        evaluate: { task, pending in
          #expect(pending == task.seed * 10 + task.method)
          events.withLock { $0.append(("evaluate", task)) }
        })
      let log = events.withLock { $0 }
      let fits = log.filter { $0.0 == "fit" }.map(\.1)
      let evaluations = log.filter { $0.0 == "evaluate" }.map(\.1)
      #expect(fits == schedule.tasks)
      #expect(evaluations.count == 34)
      #expect(!evaluations.contains(skipped))
      for (k, event) in log.enumerated() where event.0 == "evaluate" {
        #expect(log[..<k].contains { $0.0 == "fit" && $0.1 == event.1 })
      }
      if workers == 1 {
        let pairs = schedule.tasks.filter { $0 != skipped }.flatMap { [("fit", $0), ("evaluate", $0)] }
        #expect(log.filter { $0.1 != skipped }.map { "\($0.0) \($0.1)" } == pairs.map { "\($0.0) \($0.1)" })
      } else {
        // A fit handed out may be logged after another worker's first evaluation: at most
        // one per other worker.
        let firstEvaluation = log.firstIndex { $0.0 == "evaluate" } ?? log.count
        #expect(log[..<firstEvaluation].filter { $0.0 == "fit" }.count >= 35 - (workers - 1))
      }
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
