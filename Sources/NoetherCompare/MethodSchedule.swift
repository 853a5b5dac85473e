import Dispatch
import Foundation
import Synchronization

/// The order in which a comparison's (seed, method) tasks run, and the workers that run
/// them: every task of every seed in one pool, costliest first (`expectedCost`, ties in
/// seed-then-method order), each of `workers` threads taking the next task when it
/// finishes one. Longest-first keeps the cores busy to the end: a long task started last
/// would leave the other cores idle while it runs. Tasks are independent (each seed's
/// shared work is computed once, by whichever task asks first), so the numbers do not
/// depend on the order or on the number of workers.
struct MethodSchedule: Sendable {
  /// One method on one seed, as indices into the seeds and the methods.
  struct Task: Equatable, Sendable {
    let seed: Int
    let method: Int
  }

  /// Every (seed, method) task in the order they start.
  let tasks: [Task]

  /// - Parameters:
  ///   - costs: each method's expected cost.
  ///   - seedCount: how many seeds.
  init(costs: [Double], seedCount: Int) {
    let all = (0..<seedCount).flatMap { seed in costs.indices.map { Task(seed: seed, method: $0) } }
    // A stable sort: equal costs keep seed-then-method order.
    tasks = all.enumerated().sorted { a, b in
      let (ca, cb) = (costs[a.element.method], costs[b.element.method])
      return ca != cb ? ca > cb : a.offset < b.offset
    }.map(\.element)
  }

  /// Runs `body` for every task, in order, on `workers` threads (1: one after another on
  /// the calling thread).
  func run(workers: Int, _ body: @Sendable (Task) -> Void) {
    guard workers > 1, tasks.count > 1 else {
      tasks.forEach(body)
      return
    }
    let next = Mutex(0)
    let tasks = self.tasks
    DispatchQueue.concurrentPerform(iterations: min(workers, tasks.count)) { _ in
      while true {
        let k = next.withLock { k -> Int in
          defer { k += 1 }
          return k
        }
        guard k < tasks.count else { return }
        body(tasks[k])
      }
    }
  }
}
