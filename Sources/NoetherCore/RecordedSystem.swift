/// The system of a measured record that no registered system describes: its dimension
/// and state names come from the data; it has no vector field and no known invariants.
///
/// Methods learn from its trajectories, discovery finds laws in them, and a comparison
/// scores models against its measured test trajectories. What needs the equations
/// (generating data, `noether check`, evaluating against the system) refuses it; its
/// field is NaN everywhere, so nothing can mistake it for one.
public struct RecordedSystem: DynamicalSystem {
  public let name: String
  public let stateNames: [String]
  /// The record's own sizes: its trajectories, split, samples and duration; evaluation
  /// over the test trajectories' span.
  public let referenceProtocol: ReferenceProtocol
  /// The recorded states, [count, dimension], that initial states are drawn from.
  private let recorded: StateBatch

  public init(record: TrajectoryDataset) {
    let set = record.trajectories
    name = record.systemName
    stateNames = record.stateNames
    recorded = set.allStates
    let duration = set.durations.max() ?? 0
    referenceProtocol = ReferenceProtocol(
      name: "record", trajectoryCount: set.trajectoryCount, trainingCount: set.indices(in: .train).count,
      pointCount: set.pointCount, duration: duration, evaluationHorizon: duration,
      evaluationPointCount: set.pointCount, evaluationTrajectoryCount: max(1, set.indices(in: .test).count),
      noise: record.noise.statedSigma ?? record.noise.sigma)
  }

  public var dimension: Int { stateNames.count }

  /// NaN everywhere: a record has no vector field.
  public func derivatives(at states: StateBatch) -> StateBatch {
    StateBatch(
      count: states.count, dimension: states.dimension,
      values: [Double](repeating: .nan, count: states.values.count))
  }

  /// Recorded states, drawn uniformly with replacement.
  public func sampleInitialStates(
    count: Int, for purpose: SamplingPurpose, using generator: inout SeededGenerator
  ) -> StateBatch {
    recorded.selecting((0..<count).map { _ in Int(generator.next() % UInt64(max(recorded.count, 1))) })
  }
}
