import ConCerNet
import Dispatch
import Foundation
import NoetherCore
import NoetherLearning

/// Runs an experiment: for each seed, makes (or takes) the data, draws fresh
/// evaluation states, integrates the truth, trains every method, rolls each model out
/// and measures MSE, conservation violation per known invariant, and the learned
/// invariant's R² (docs/comparison.md).
public struct ComparisonRunner: Sendable {
  public var progress: ProgressHandler?

  public init(progress: ProgressHandler? = nil) { self.progress = progress }

  public func run(_ experiment: Experiment) throws -> ComparisonRecord {
    try experiment.validate()
    let start = Date()
    let system = experiment.system
    let settings = experiment.protocolSettings
    var result = ComparisonRecord(
      systemName: system.name, protocolName: settings.name, invariantNames: system.invariants.map(\.name),
      methods: experiment.methods.map(\.rawValue), seeds: experiment.seeds,
      noise: experiment.data?.noise ?? settings.noise)
    result.evaluationTimes = settings.evaluationTimes
    result.stateNames = system.stateNames
    result.gridCoordinates = (system as? any FieldSystem)?.gridCoordinates ?? []
    let evaluator = DormandPrince45(
      relativeTolerance: settings.relativeTolerance, absoluteTolerance: settings.absoluteTolerance)
    for seed in experiment.seeds {
      let dataStart = Date()
      var seeded = settings
      seeded.seed = seed
      let dataset = try experiment.data ?? DatasetGenerator().generate(system, protocol: seeded)
      if result.dataset == nil { result.dataset = dataset }
      var generator = SeededGenerator(seed: seed &+ 1_000_003)
      let initial = system.sampleInitialStates(
        count: settings.evaluationTrajectoryCount, for: .evaluation, using: &generator)
      let truth = evaluator.integrate(system, from: initial, at: result.evaluationTimes)
      guard truth.status.succeeded else {
        throw NoetherError.integrationFailed("the true system's evaluation rollout: \(truth.status)")
      }
      result.truth[seed] = truth.states
      if result.invariantGrid == nil {
        result.invariantGrid = InvariantGrid(system: system, covering: truth.states)
      }
      result.dataSeconds += Date().timeIntervalSince(dataStart)
      progress?("seed \(seed): data ready", 0, experiment.methods.count)
      result.runs += try runMethods(
        experiment, seed: seed, data: dataset.trajectories, initial: initial, truth: truth,
        evaluator: evaluator, grid: result.invariantGrid)
    }
    result.wallSeconds = Date().timeIntervalSince(start)
    return result
  }

  private func runMethods(
    _ experiment: Experiment, seed: UInt64, data: TrajectorySet, initial: StateBatch, truth: Solution,
    evaluator: DormandPrince45, grid: InvariantGrid?
  ) throws -> [MethodRun] {
    let factory = MethodFactory(experiment: experiment, seed: seed, progress: progress)
    // In latent space one autoencoder per seed serves every method (as in the reference).
    var latent: (autoencoder: Autoencoder, data: TrajectorySet, seconds: Double)?
    if experiment.usesLatentSpace {
      do {
        latent = try sharedLatentSpace(factory, data)
      } catch {
        let reason = (error as? NoetherError)?.description ?? "\(error)"
        return experiment.methods.map { method in
          MethodRun(
            method: method.rawValue, seed: seed,
            outcome: factory.inapplicability(method).map { .notApplicable($0) }
              ?? .failed("the shared autoencoder: \(reason)"))
        }
      }
    }
    let sharedAutoencoder = latent?.autoencoder
    let sharedData = latent?.data ?? data
    // ConCerNet and the soft penalty share one contrastively learned invariant.
    let needsShared = experiment.methods.contains(.concernet) && experiment.methods.contains(.soft)
    let sharedStart = Date()
    // A failure here is reported by each method when it learns its own invariant.
    let shared: NetworkInvariant? =
      needsShared ? try? factory.contrastive.learnInvariants(from: sharedData) : nil
    let sharedSeconds = Date().timeIntervalSince(sharedStart)
    let methods = experiment.methods
    let reach = RolloutReach(data: data, truth: truth)
    let runs = ConcurrentResults<MethodRun>(count: methods.count)
    let work: @Sendable (Int) -> Void = { k in
      runs[k] = self.runMethod(
        methods[k], factory: factory, seed: seed, data: data, initial: initial, truth: truth,
        evaluator: evaluator, reach: reach, shared: shared, autoencoder: sharedAutoencoder, grid: grid)
    }
    if experiment.settings.parallel {
      DispatchQueue.concurrentPerform(iterations: methods.count, execute: work)
    } else {
      for k in methods.indices { work(k) }
    }
    return methods.indices.map { k in
      var run = runs[k]!
      if shared != nil, methods[k] == .concernet || methods[k] == .soft {
        run.seconds["contrastive (shared)"] = sharedSeconds
      }
      if let latent, factory.inapplicability(methods[k]) == nil {
        run.seconds["autoencoder (shared)"] = latent.seconds
      }
      return run
    }
  }

  /// Trains the seed's autoencoder and encodes the data with it (ż = (∂E/∂x)·ẋ).
  private func sharedLatentSpace(_ factory: MethodFactory, _ data: TrajectorySet) throws -> (
    autoencoder: Autoencoder, data: TrajectorySet, seconds: Double
  ) {
    let start = Date()
    let autoencoder = try factory.autoencoder.fit(data, progress: progress)
    let encoded = try autoencoder.encode(data)
    return (autoencoder, encoded, Date().timeIntervalSince(start))
  }

  private func runMethod(
    _ method: MethodKind, factory: MethodFactory, seed: UInt64, data: TrajectorySet, initial: StateBatch,
    truth: Solution,
    evaluator: DormandPrince45, reach: RolloutReach, shared: NetworkInvariant?, autoencoder: Autoencoder?,
    grid: InvariantGrid?
  ) -> MethodRun {
    if let reason = factory.inapplicability(method) {
      return MethodRun(method: method.rawValue, seed: seed, outcome: .notApplicable(reason))
    }
    var run = MethodRun(method: method.rawValue, seed: seed, outcome: .completed)
    let trainStart = Date()
    let trained: TrainedModel
    do {
      trained = try factory.fit(method, data, shared: shared, autoencoder: autoencoder)
    } catch let error as NoetherError {
      run.outcome = .failed(error.description)
      return run
    } catch {
      run.outcome = .failed("\(error)")
      return run
    }
    run.seconds["train"] = Date().timeIntervalSince(trainStart)
    run.archive = trained.model.archive()
    let evaluateStart = Date()
    var budgeted = evaluator
    budgeted.maximumSteps = factory.experiment.settings.rolloutStepBudget
    let rollout = trained.model.rollout(from: initial, at: truth.times, integrator: budgeted)
    run.seconds["evaluate"] = Date().timeIntervalSince(evaluateStart)
    run.rollout = rollout.states
    if !rollout.status.succeeded {
      run.outcome = .failed("the model's rollout ended early: \(rollout.status)")
    }
    (run.rolloutsOutsideData, run.rolloutReach) = reach.assess(rollout)
    let metrics = Metrics(system: factory.experiment.system, truth: truth, rollout: rollout)
    run.mse = metrics.meanSquaredError
    run.violation = metrics.violations
    run.mseOverTime = metrics.meanSquaredErrorOverTime
    run.violationOverTime = metrics.violationsOverTime
    if let features = trained.learnedInvariant {
      let test = data.testing.allStates
      let (values, count) = features(test)
      for invariant in factory.experiment.system.invariants {
        run.r2[invariant.name] =
          (try? coefficientOfDetermination(
            target: invariant.values(at: test), features: values, featureCount: count)) ?? .nan
      }
      if let grid {
        let (onGrid, m) = features(grid.states)
        run.learnedInvariantGrid = (0..<m).map { k in
          stride(from: k, to: onGrid.count, by: m).map { onGrid[$0] }
        }
      }
    }
    return run
  }
}
