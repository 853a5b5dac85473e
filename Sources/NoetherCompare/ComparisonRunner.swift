import Dispatch
import Foundation
import NoetherCore

/// Runs an experiment: for each seed, makes (or takes) the data, draws fresh
/// evaluation states and integrates the truth; then fits every method on every seed
/// (side by side, costliest first), rolls each model out and measures every metric
/// (docs/comparison.md).
///
/// The runner knows no method and no metric by name: methods share work through their
/// ``MethodContext``, and metrics fill the record by their columns' keys.
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
      methods: experiment.methods.map(\.name), seeds: experiment.seeds,
      noise: experiment.data?.noise.sigma ?? settings.noise)
    result.metricColumns = experiment.metricColumns
    result.referenceMethod = experiment.referenceMethod
    result.stepProjection = experiment.stepProjection?.label
    result.dataSource = experiment.data.map {
      "\($0.source.isEmpty ? "from a file" : $0.source) (its seed \($0.seed), noise \(NumberFormat.short($0.noise.sigma))\($0.noise.source == .estimated ? " estimated from the states" : "")\($0.noise.componentText(stateNames: system.stateNames).map { " (\($0))" } ?? ""), protocol \($0.protocolName))"
    }
    result.derivatives = experiment.differentiation?.name
    result.stateNames = system.stateNames
    result.gridCoordinates = (system as? any FieldSystem)?.gridCoordinates ?? []
    let evaluator = DormandPrince45(
      relativeTolerance: settings.relativeTolerance, absoluteTolerance: settings.absoluteTolerance)
    var seedRuns = [SeedRun]()
    for seed in experiment.seeds {
      let dataStart = Date()
      var seeded = settings
      seeded.seed = seed
      var dataset = try experiment.data ?? DatasetGenerator().generate(system, protocol: seeded)
      if let differentiation = experiment.differentiation {
        dataset.trajectories = dataset.trajectories.rederived(with: differentiation)
      }
      if result.dataset == nil { result.dataset = dataset }
      let groups = try experiment.evaluation.truth(
        for: experiment, data: dataset.trajectories, seed: seed, integrator: evaluator)
      let count = groups.reduce(0) { $0 + $1.members.count }
      if groups.count == 1 {
        result.evaluationTimes = groups[0].truth.times
        result.truth[seed] = groups[0].truth.states
      } else {
        result.evaluationTimeRows = EvaluationGroup.timeRows(of: groups)
        result.truth[seed] = EvaluationGroup.padded(
          groups.map(\.truth.states), of: groups, width: system.dimension)
      }
      result.evaluation = experiment.evaluation.headline(trajectories: count)
      if result.invariantGrid == nil {
        result.invariantGrid = InvariantGrid(system: system, covering: groups.flatMap(\.truth.states))
      }
      result.dataSeconds += Date().timeIntervalSince(dataStart)
      progress?("seed \(seed): data ready", 1, 1)
      seedRuns.append(
        SeedRun(
          experiment: experiment, seed: seed, data: dataset.trajectories, noise: dataset.noise,
          groups: groups, evaluator: evaluator, grid: result.invariantGrid, progress: progress
        ))
    }
    result.runs = Self.runMethods(of: seedRuns, experiment: experiment)
    result.wallSeconds = Date().timeIntervalSince(start)
    return result
  }

  /// Every method on every seed (`MethodSchedule`: costliest first, on every core when
  /// the experiment runs in parallel, the fits before the evaluations), in
  /// seed-then-method order.
  static func runMethods(of seedRuns: [SeedRun], experiment: Experiment) -> [MethodRun] {
    let methods = experiment.methods
    let works = seedRuns.map { _ in SharedWork() }
    let radii = seedRuns.map(\.knownRadius)
    let runs = ConcurrentResults<MethodRun>(count: seedRuns.count * methods.count)
    let workers = experiment.settings.parallel ? ProcessInfo.processInfo.activeProcessorCount : 1
    let schedule = MethodSchedule(costs: methods.map(\.expectedCost), seedCount: seedRuns.count)
    schedule.run(
      workers: workers,
      fit: { task -> SeedRun.Fitted? in
        switch seedRuns[task.seed].fit(methods[task.method], work: works[task.seed]) {
        case .fitted(let fitted): return fitted
        case .finished(let run):
          runs[task.seed * methods.count + task.method] = run
          return nil
        }
      },
      evaluate: { task, fitted in
        runs[task.seed * methods.count + task.method] = seedRuns[task.seed].evaluate(
          fitted, knownRadius: radii[task.seed])
      })
    return (0..<(seedRuns.count * methods.count)).map { runs[$0]! }
  }
}
