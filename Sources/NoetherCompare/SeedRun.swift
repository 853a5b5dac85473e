import Dispatch
import Foundation
import NoetherCore

/// One seed of a comparison: every method fitted on the same data (sharing work through
/// one ``SharedWork``), rolled out from the same initial states, and measured.
struct SeedRun: Sendable {
  let experiment: Experiment
  let seed: UInt64
  let data: TrajectorySet
  let initial: StateBatch
  let truth: Solution
  let evaluator: DormandPrince45
  let grid: InvariantGrid?
  let progress: ProgressHandler?

  func runAll() -> [MethodRun] {
    let methods = experiment.methods
    let work = SharedWork()
    let knownRadius = RolloutReach(data: data, truth: truth).knownRadius
    let runs = ConcurrentResults<MethodRun>(count: methods.count)
    let each: @Sendable (Int) -> Void = { k in
      runs[k] = self.run(methods[k], work: work, knownRadius: knownRadius)
    }
    if experiment.settings.parallel {
      DispatchQueue.concurrentPerform(iterations: methods.count, execute: each)
    } else {
      for k in methods.indices { each(k) }
    }
    return methods.indices.map { runs[$0]! }
  }

  private func run(_ method: any ComparisonMethod, work: SharedWork, knownRadius: Double) -> MethodRun {
    let problem = MethodProblem(system: experiment.system)
    if let reason = method.inapplicability(to: problem) {
      return MethodRun(method: method.name, seed: seed, outcome: .notApplicable(reason))
    }
    var run = MethodRun(method: method.name, seed: seed, outcome: .completed)
    let noise = experiment.data?.noise ?? experiment.protocolSettings.noise
    let context = MethodContext(seed: seed, problem: problem, noise: noise, progress: progress, work: work)
    let trainStart = Date()
    let fitted: FittedModel
    do {
      fitted = try method.fit(data, context: context)
    } catch {
      run.seconds.merge(context.sharedSeconds) { $1 }
      run.outcome = .failed("\(error)")
      return run
    }
    let shared = context.sharedSeconds
    run.seconds = shared
    run.seconds["train"] = Date().timeIntervalSince(trainStart) - context.secondsInSharedWork
    run.archive = fitted.model.archive()
    run.invariantSource = fitted.invariantSource
    let evaluateStart = Date()
    var budgeted = evaluator
    budgeted.maximumSteps = experiment.settings.rolloutStepBudget
    if let source = experiment.stepProjection {
      guard fitted.model is any VectorFieldModel else {
        run.outcome = .notApplicable("step projection needs a model that integrates in the state space")
        return run
      }
      do {
        budgeted.projection = ManifoldProjection(try source.invariants(for: data, context: context))
      } catch {
        run.outcome = .failed("step projection: \(error)")
        return run
      }
    }
    let rollout = fitted.model.rollout(from: initial, at: truth.times, integrator: budgeted)
    run.seconds["evaluate"] = Date().timeIntervalSince(evaluateStart)
    run.rollout = rollout.states
    if !rollout.status.succeeded {
      run.outcome = .failed("the model's rollout ended early: \(rollout.status)")
    }
    var evaluation = RunEvaluation(
      system: experiment.system, data: data, truth: truth, rollout: rollout, invariants: fitted.invariants,
      seconds: run.seconds, knownRadius: knownRadius)
    evaluation.projectedInvariants = budgeted.projection?.invariants
    for metric in experiment.metrics {
      let measured = metric.measure(evaluation)
      run.metrics.merge(measured.values) { $1 }
      run.curves.merge(measured.curves) { $1 }
      run.notes += measured.notes
    }
    if let invariants = fitted.invariants, let grid {
      let onGrid = invariants.values(at: grid.states)
      let m = invariants.invariantCount
      run.learnedInvariantGrid = (0..<m).map { k in
        stride(from: k, to: onGrid.count, by: m).map { onGrid[$0] }
      }
    }
    return run
  }
}
