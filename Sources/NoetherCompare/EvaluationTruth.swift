import NoetherCore

/// What a comparison scores its models against.
public enum EvaluationTruth: String, Sendable, CaseIterable {
  /// The system's own equations, integrated from fresh initial states drawn from its
  /// evaluation distribution (the protocol's count, horizon and grid).
  case system
  /// The data's test trajectories as measured: each model is rolled out from the first
  /// measured state of each, at its measured times, and compared with the measurements.
  case data

  /// The initial states and the truth for `seed`: drawn and integrated (system), or the
  /// test trajectories (data).
  /// - Throws: `NoetherError.integrationFailed` when the system's own rollout fails;
  ///   `NoetherError.invalidParameter` when test trajectories have their own time stamps.
  func truth(
    for experiment: Experiment, data: TrajectorySet, seed: UInt64, integrator: DormandPrince45
  ) throws -> (initial: StateBatch, truth: Solution) {
    switch self {
    case .data:
      let test = data.testing
      guard test.sharesTimes else {
        throw NoetherError.invalidParameter(
          name: "evaluation on the data",
          value:
            "\(test.trajectoryCount) test trajectories of \(test.lengthText) samples, each with its own time stamps",
          requirement:
            "the metrics average over one time grid, so the test trajectories must share theirs; import the record with --test-fraction small enough to test one trajectory, or with --gaps cut"
        )
      }
      var truth = Solution(times: test.times, count: test.trajectoryCount, dimension: test.dimension)
      truth.states = test.states
      return (truth.states(atTimeIndex: 0), truth)
    case .system:
      let settings = experiment.protocolSettings
      var generator = SeededGenerator(seed: seed &+ 1_000_003)
      let initial = experiment.system.sampleInitialStates(
        count: settings.evaluationTrajectoryCount, for: .evaluation, using: &generator)
      let truth = integrator.integrate(experiment.system, from: initial, at: settings.evaluationTimes)
      guard truth.status.succeeded else {
        throw NoetherError.integrationFailed("the true system's evaluation rollout: \(truth.status)")
      }
      return (initial, truth)
    }
  }

  /// For the table's first line: `scored against the 7 measured test trajectories` or
  /// `scored against the system's equations from 10 drawn initial states`.
  func headline(trajectories: Int) -> String {
    switch self {
    case .data: return "scored against the \(trajectories) measured test trajectories"
    case .system: return "scored against the system's equations from \(trajectories) drawn initial states"
    }
  }
}
