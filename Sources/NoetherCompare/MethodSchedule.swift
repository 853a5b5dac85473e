import Dispatch
import Foundation

/// The order in which a comparison's (seed, method) tasks run, and the workers that run
/// them: every task of every seed in one pool, costliest first (`expectedCost`, ties in
/// seed-then-method order), each of `workers` threads taking the next phase when it
/// finishes one. A task is fitted, then evaluated; with several workers the fits start
/// first, in that order, and the evaluations fill the end of the run. Longest-first keeps
/// the cores busy to the end: a long task started last would leave the other cores idle
/// while it runs. Tasks are independent (each seed's shared work is computed once, by
/// whichever task asks first), so the numbers do not depend on the order or on the number
/// of workers.
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

  /// Runs every task in two phases: `fit`, then, for each fit that returns a value,
  /// `evaluate` with it, on `workers` threads (1: one after another on the calling thread).
  ///
  /// On one worker each evaluation follows its fit at once. On several, a free worker
  /// starts the next fit in order while one is left, and only then the evaluations whose
  /// fits have finished, costliest first (the fit order): the evaluations, shorter than
  /// the fits, fill the end of the run, where whole tasks would leave cores idle while the
  /// last fit runs. The phases of a task never overlap; the numbers do not depend on the
  /// order.
  func run<Pending: Sendable>(
    workers: Int, fit: @Sendable (Task) -> Pending?, evaluate: @Sendable (Task, Pending) -> Void
  ) {
    guard workers > 1, tasks.count > 1 else {
      for task in tasks { if let pending = fit(task) { evaluate(task, pending) } }
      return
    }
    let queue = PhaseQueue<Pending>(fitCount: tasks.count)
    let tasks = self.tasks
    DispatchQueue.concurrentPerform(iterations: min(workers, tasks.count)) { _ in
      while let phase = queue.next() {
        switch phase {
        case .fit(let k): queue.fitted(k, fit(tasks[k]))
        case .evaluate(let k, let pending): evaluate(tasks[k], pending)
        }
      }
    }
  }
}
