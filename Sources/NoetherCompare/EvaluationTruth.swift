import NoetherCore

/// What a comparison scores its models against.
public enum EvaluationTruth: String, Sendable, CaseIterable {
  /// The system's own equations, integrated from fresh initial states drawn from its
  /// evaluation distribution (the protocol's count, horizon and grid).
  case system
  /// The data's test trajectories as measured: each model is rolled out from the first
  /// measured state of each, at its measured times, and compared with the measurements.
  case data

  /// The initial states and the truth for `seed`, in groups that share a time grid
  /// (``EvaluationGroup``): drawn and integrated (system; one group), or the test
  /// trajectories as measured (data; one group per distinct grid of time stamps).
  /// - Throws: `NoetherError.integrationFailed` when the system's own rollout fails.
  func truth(
    for experiment: Experiment, data: TrajectorySet, seed: UInt64, integrator: DormandPrince45
  ) throws -> [EvaluationGroup] {
    switch self {
    case .data:
      return EvaluationGroup.groups(of: data.testing)
    case .system:
      let settings = experiment.protocolSettings
      var generator = SeededGenerator(seed: seed &+ 1_000_003)
      let initial = experiment.system.sampleInitialStates(
        count: settings.evaluationTrajectoryCount, for: .evaluation, using: &generator)
      let truth = integrator.integrate(experiment.system, from: initial, at: settings.evaluationTimes)
      guard truth.status.succeeded else {
        throw NoetherError.integrationFailed("the true system's evaluation rollout: \(truth.status)")
      }
      return [EvaluationGroup(members: Array(0..<initial.count), initial: initial, truth: truth)]
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
