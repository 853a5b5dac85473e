import Dispatch

/// Makes trajectory datasets from a system: samples initial states, integrates them
/// with adaptive Dormand–Prince, takes the exact vector field at the solved points as
/// the derivatives, records the exact invariants, then adds noise.
///
/// Trajectories are integrated in fixed chunks spread over the cores; the chunking
/// depends only on the number of trajectories, so the same seed gives the same data.
public struct DatasetGenerator: Sendable {
  /// Trajectories integrated together with a shared step size.
  public var chunkSize: Int = 16

  public init() {}

  /// - Parameters:
  ///   - system: the system.
  ///   - settings: the protocol: sizes, times, tolerances, noise and seed (defaults: the system's reference protocol).
  ///   - purpose: which initial-state distribution to draw from.
  /// - Returns: the dataset; its first `trainingCount` trajectories are the training split.
  /// - Throws: `NoetherError` for bad sizes or when an integration fails.
  public func generate(
    _ system: some DynamicalSystem, protocol settings: ReferenceProtocol,
    purpose: SamplingPurpose = .training
  ) throws -> TrajectoryDataset {
    try generateStates(system, protocol: settings, purpose: purpose)
  }

  private func generateStates(
    _ system: some DynamicalSystem, protocol settings: ReferenceProtocol, purpose: SamplingPurpose
  ) throws -> TrajectoryDataset {
    try validate(settings)
    var generator = SeededGenerator(seed: settings.seed)
    let initial = system.sampleInitialStates(
      count: settings.trajectoryCount, for: purpose, using: &generator)
    try system.validate(initial, what: "sampled initial states")
    let noise = try GaussianNoise(standardDeviation: settings.noise)
    let times = settings.times
    let solution = try solve(
      system, from: initial, at: times,
      integrator: DormandPrince45(
        relativeTolerance: settings.relativeTolerance,
        absoluteTolerance: settings.absoluteTolerance))
    let allStates = StateBatch(
      count: settings.trajectoryCount * times.count, dimension: system.dimension,
      values: solution.states)
    let derivatives = system.derivatives(at: allStates)
    var exact = [String: [Double]]()
    for invariant in system.invariants { exact[invariant.name] = invariant.values(at: allStates) }
    let split = (0..<settings.trajectoryCount).map {
      $0 < settings.trainingCount ? TrajectorySplit.train : .test
    }
    var set = try TrajectorySet(
      times: times, states: solution.states, derivatives: derivatives.values,
      dimension: system.dimension, split: split)
    noise.apply(to: &set, using: &generator)
    return TrajectoryDataset(
      systemName: system.name, stateNames: system.stateNames, trajectories: set,
      exactInvariants: exact, noise: try NoiseLevel(given: settings.noise), seed: settings.seed,
      protocolName: settings.name)
  }

  /// As ``generate(_:protocol:purpose:)``, recording the field's grid coordinates.
  public func generate(
    _ system: some FieldSystem, protocol settings: ReferenceProtocol,
    purpose: SamplingPurpose = .training
  ) throws -> TrajectoryDataset {
    var dataset = try generateStates(system, protocol: settings, purpose: purpose)
    dataset.gridCoordinates = system.gridCoordinates
    return dataset
  }

  /// Integrates `initial` in chunks of `chunkSize` trajectories, concurrently.
  /// - Throws: `NoetherError.integrationFailed` if any chunk fails.
  public func solve(
    _ field: any VectorField, from initial: StateBatch, at times: [Double],
    integrator: any Integrator
  ) throws -> Solution {
    let chunks = stride(from: 0, to: initial.count, by: max(1, chunkSize)).map {
      Array($0..<min($0 + max(1, chunkSize), initial.count))
    }
    let parts = ConcurrentResults<Solution>(count: chunks.count)
    DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
      parts[c] = integrator.integrate(field, from: initial.selecting(chunks[c]), at: times)
    }
    var states = [Double]()
    states.reserveCapacity(initial.count * times.count * initial.dimension)
    var steps = 0
    var evaluations = 0
    for c in chunks.indices {
      guard let part = parts[c] else { continue }
      guard part.status.succeeded else {
        throw NoetherError.integrationFailed(
          "trajectories \(chunks[c].first!)–\(chunks[c].last!): \(part.status)")
      }
      states.append(contentsOf: part.states)
      steps += part.steps
      evaluations += part.evaluations
    }
    var solution = Solution(times: times, count: initial.count, dimension: initial.dimension)
    solution.states = states
    solution.steps = steps
    solution.evaluations = evaluations
    return solution
  }

  private func validate(_ settings: ReferenceProtocol) throws {
    guard settings.trajectoryCount >= 1 else {
      throw NoetherError.invalidParameter(
        name: "trajectories", value: "\(settings.trajectoryCount)", requirement: "must be at least 1")
    }
    guard settings.pointCount >= 2 else {
      throw NoetherError.invalidParameter(
        name: "points", value: "\(settings.pointCount)", requirement: "must be at least 2")
    }
    guard settings.duration > 0, settings.duration.isFinite else {
      throw NoetherError.invalidParameter(
        name: "duration", value: "\(settings.duration)", requirement: "must be a positive number")
    }
    guard (0...settings.trajectoryCount).contains(settings.trainingCount) else {
      throw NoetherError.invalidParameter(
        name: "training count", value: "\(settings.trainingCount)",
        requirement: "must be between 0 and the number of trajectories")
    }
  }
}
