import Dispatch
import Foundation
import NoetherCore

/// One seed of a comparison: every method fitted on the same data (sharing work through
/// one ``SharedWork``), rolled out from the same initial states, and measured
/// (`MethodSchedule` runs the fits and evaluations of every seed).
struct SeedRun: Sendable {
  let experiment: Experiment
  let seed: UInt64
  let data: TrajectorySet
  /// The noise on `data`'s states (the file's, or the protocol's).
  let noise: NoiseLevel
  /// The evaluation trajectories, in groups that share a time grid (one, unless test
  /// trajectories have their own time stamps).
  let groups: [EvaluationGroup]
  let evaluator: DormandPrince45
  let grid: InvariantGrid?
  let progress: ProgressHandler?

  /// The radius the data and the truth reach (`RolloutReach.knownRadius`).
  var knownRadius: Double {
    groups.map { RolloutReach(data: data, truth: $0.truth).knownRadius }.max() ?? 0
  }

  /// How many evaluation trajectories there are.
  var evaluationCount: Int { groups.reduce(0) { $0 + $1.members.count } }

  /// A method fitted on this seed, waiting to be rolled out and measured.
  struct Fitted: Sendable {
    var run: MethodRun
    let model: FittedModel
    let context: MethodContext
  }

  /// What fitting a method gave: a model to evaluate, or the run as it ends.
  enum FitOutcome: Sendable {
    case fitted(Fitted)
    case finished(MethodRun)
  }

  /// Fits `method` (`work`: this seed's shared work): the fitted model, or the run as it
  /// ends when the method does not apply, fails or learns a constant field.
  func fit(_ method: any ComparisonMethod, work: SharedWork) -> FitOutcome {
    let problem = MethodProblem(system: experiment.system)
    if let reason = method.inapplicability(to: problem) {
      return .finished(MethodRun(method: method.name, seed: seed, outcome: .notApplicable(reason)))
    }
    var run = MethodRun(method: method.name, seed: seed, outcome: .completed)
    let context = MethodContext(seed: seed, problem: problem, noise: noise, progress: progress, work: work)
    let trainStart = Date()
    let fitted: FittedModel
    do {
      fitted = try method.fit(data, context: context)
    } catch {
      run.seconds.merge(context.sharedSeconds) { $1 }
      run.outcome = .failed("\(error)")
      return .finished(run)
    }
    if let reason = stillField(fitted.model) {
      run.seconds = context.sharedSeconds
      run.outcome = .failed(reason)
      return .finished(run)
    }
    let shared = context.sharedSeconds
    run.seconds = shared
    run.seconds["train"] = Date().timeIntervalSince(trainStart) - context.secondsInSharedWork
    run.archive = fitted.model.archive()
    run.invariantSource = fitted.invariantSource
    run.notes += fitted.notes
    if fitted.invariantSource == "learned" { run.notes += invisibleInvariants() }
    return .fitted(Fitted(run: run, model: fitted, context: context))
  }

  /// Rolls a fitted model out from the evaluation states and measures every metric.
  func evaluate(_ pending: Fitted, knownRadius: Double) -> MethodRun {
    var run = pending.run
    let (fitted, context) = (pending.model, pending.context)
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
    var statuses = [RolloutStatus](repeating: .completed, count: evaluationCount)
    var measured = [(group: EvaluationGroup, rollouts: EvaluationRollouts)]()
    for group in groups {
      let rollouts = EvaluationRollouts(
        model: fitted.model, from: group.initial, truth: group.truth, integrator: budgeted,
        invariants: experiment.system.invariants, knownRadius: knownRadius)
      for (i, member) in group.members.enumerated() { statuses[member] = rollouts.statuses[i] }
      measured.append((group, rollouts))
    }
    run.seconds["evaluate"] = Date().timeIntervalSince(evaluateStart)
    run.rollout =
      groups.count == 1
      ? measured[0].rollouts.solution.states
      : EvaluationGroup.padded(measured.map(\.rollouts.solution.states), of: groups, width: data.dimension)
    run.rolloutStatuses = statuses
    if let note = Self.leftOut(statuses) {
      guard statuses.contains(where: \.countsInMetrics) else {
        run.outcome = .failed("no evaluation rollout completed: \(note)")
        return run
      }
      run.notes.append(note)
    }
    var parts = [[(values: MetricValues, samples: Int)]](repeating: [], count: experiment.metrics.count)
    for (group, rollouts) in measured {
      let counted = rollouts.counted
      guard !counted.isEmpty else { continue }
      var evaluation = RunEvaluation(
        system: experiment.system, data: data, truth: group.truth.selecting(counted),
        rollout: rollouts.solution.selecting(counted), invariants: fitted.invariants, seconds: run.seconds,
        knownRadius: knownRadius)
      evaluation.projectedInvariants = budgeted.projection?.invariants
      evaluation.rolloutStatuses = rollouts.statuses
      evaluation.model = fitted.model
      for (k, metric) in experiment.metrics.enumerated() {
        parts[k].append((metric.measure(evaluation), counted.count * group.truth.times.count))
      }
    }
    for (metric, measuredParts) in zip(experiment.metrics, parts) {
      // One group: its values as measured (curves too); several: combined, without curves.
      let values = groups.count == 1 ? measuredParts[0].values : metric.combine(measuredParts)
      run.metrics.merge(values.values) { $1 }
      run.curves.merge(values.curves) { $1 }
      run.notes += values.notes
    }
    if run.outcome == .completed, let reason = untrustedMetric(run) { run.outcome = .failed(reason) }
    if let invariants = fitted.invariants, let grid {
      let onGrid = invariants.values(at: grid.states)
      let m = invariants.invariantCount
      run.learnedInvariantGrid = (0..<m).map { k in
        stride(from: k, to: onGrid.count, by: m).map { onGrid[$0] }
      }
    }
    return run
  }

  /// Why a completed run's numbers cannot be trusted: a paired metric (MSE, a
  /// violation) that is NaN or infinite over the rollouts that completed, with the first
  /// evaluation time at which its curve stops being finite; nil when every paired
  /// metric is finite.
  func untrustedMetric(_ run: MethodRun) -> String? {
    for column in experiment.metricColumns where column.pairedBySeed {
      guard let value = run.metrics[column.key], !value.isFinite else { continue }
      let curve = run.curves[
        column.key.hasPrefix(InvariantViolation.keyPrefix)
          ? InvariantViolation.curvePrefix + column.key.dropFirst(InvariantViolation.keyPrefix.count)
          : MeanSquaredError.curveName]
      let place = curve?.firstIndex(where: { !$0.isFinite }).map {
        " from t = \(NumberFormat.short(groups[0].truth.times[$0]))"
      }
      return
        "\(column.header) is \(value.isNaN ? "NaN" : "\(value)") (not finite)\(place ?? "") over the \(run.rolloutStatuses.countingInMetrics) evaluation rollout(s) that completed; the run's numbers cannot be trusted"
    }
    return nil
  }

  /// `2 of 10 evaluation rollouts left out of the metrics: 1 diverged, 1 left the domain of
  /// ln-x (the first, rollout 3: …)`; nil when every rollout counts.
  static func leftOut(_ statuses: [RolloutStatus]) -> String? {
    guard let first = statuses.firstIndex(where: { !$0.countsInMetrics }) else { return nil }
    let excluded = statuses.count - statuses.countingInMetrics
    return
      "\(excluded) of \(statuses.count) evaluation rollouts left out of the metrics: \(statuses.excludedSummary) (the first, rollout \(first + 1): \(statuses[first]))"
  }

  /// Why a model cannot be trusted because its field does not move where the data do:
  /// on the training states its vector field varies (standard deviation over states,
  /// all components) less than 10⁻⁸ times the data's derivatives do, while those vary;
  /// nil otherwise, and for models that are not a vector field in the state space.
  func stillField(_ model: any DynamicsModel) -> String? {
    guard let field = model as? any VectorField, data.dimension == model.dimension else { return nil }
    let states = StateBatch(
      count: data.states.count / data.dimension, dimension: data.dimension, values: data.states)
    let predicted = field.derivatives(at: states).values
    let n = data.dimension
    /// The root of the summed variances of each component over the states.
    func spread(_ values: [Double]) -> Double {
      let rows = values.count / max(n, 1)
      var total = 0.0
      for j in 0..<n {
        let column = stride(from: j, to: rows * n, by: n).map { values[$0] }
        let mean = column.reduce(0, +) / Double(max(rows, 1))
        total += column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(rows, 1))
      }
      return total.squareRoot()
    }
    let dataSpread = spread(data.derivatives)
    let modelSpread = spread(predicted)
    guard dataSpread > 0, dataSpread.isFinite, modelSpread <= 1e-8 * dataSpread else { return nil }
    return
      "the model learned a constant field (its ẋ varies by \(NumberFormat.scientific(modelSpread)) over the training states, the data's by \(NumberFormat.scientific(dataSpread))): it predicts no motion the data show; its numbers cannot be trusted"
  }

  /// Notes for the known invariants that take one value on every training trajectory
  /// (the trajectories' mean values spread no more than 10⁻⁶ of their size, or three
  /// times the standard error that the noise within a trajectory gives a mean): a contrastive
  /// learner separates trajectories by their invariant values, so it cannot see these.
  func invisibleInvariants() -> [String] {
    let train = data.indices(in: .train)
    guard train.count >= 2 else { return [] }
    return experiment.system.invariants.compactMap { invariant in
      var means = [Double]()
      var within = 0.0
      var count = 0
      for k in train {
        let values = invariant.values(at: data.trajectory(k))
        let mean = values.reduce(0, +) / Double(max(values.count, 1))
        means.append(mean)
        within += values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        count += values.count
      }
      let mean = means.reduce(0, +) / Double(means.count)
      let spread = (means.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(means.count)).squareRoot()
      // A trajectory's mean wanders by about (noise within it) / √T (T the mean length); three of that is "the same".
      let standardError =
        (within / Double(max(count, 1))).squareRoot()
        / (Double(max(count, 1)) / Double(train.count)).squareRoot()
      guard spread.isFinite, spread <= max(1e-6 * abs(mean), 3 * standardError) else { return nil }
      return
        "\(invariant.name) has the same value (\(NumberFormat.short(mean))) on every training trajectory: contrastive learning, which tells trajectories apart by their invariant values, cannot see it; `noether discover --system \(experiment.system.name)` finds it as a formula"
    }
  }
}
