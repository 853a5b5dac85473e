import NoetherCore

/// Everything a comparison produced: its settings, the truth, every run, and the
/// columns of the metrics it measured.
public struct ComparisonRecord: Sendable {
  public var systemName: String
  public var protocolName: String
  public var invariantNames: [String]
  public var methods: [String]
  public var seeds: [UInt64]
  public var noise: Double
  /// The columns of the metrics measured, in table order.
  public var metricColumns: [MetricColumn] = []
  /// The method every other one is paired with seed by seed (`baseline` by default).
  public var referenceMethod = "baseline"
  /// The invariants rollouts were projected onto after every step (`known`,
  /// `discovered`), or nil for plain rollouts.
  public var stepProjection: String?
  /// Where the training data came from when not generated: the file, its layout, split,
  /// seed, noise and protocol; nil for generated data.
  public var dataSource: String?
  /// What the models were scored against (`scored against the 7 measured test
  /// trajectories`); nil in records read from files written before it was kept.
  public var evaluation: String?
  /// The differentiation that replaced the data's derivatives (`--derivatives`); nil: none.
  public var derivatives: String?
  /// The training data of the first seed.
  public var dataset: TrajectoryDataset?
  /// Evaluation times and, per seed, the true rollout [10, T, n].
  public var evaluationTimes: [Double]
  public var truth: [UInt64: [Double]]
  /// When the evaluation trajectories have their own time stamps (measured test
  /// trajectories imported with `--gaps keep`): each one's times, in order, and
  /// `evaluationTimes` is empty; the truth and the rollouts are then [N, T_max, n], NaN
  /// past each trajectory's own length. Empty when they share `evaluationTimes`.
  public var evaluationTimeRows: [[Double]] = []

  /// The number of time points per evaluation trajectory in `truth` and the rollouts
  /// (the longest trajectory's when they have their own times).
  public var evaluationSteps: Int {
    evaluationTimeRows.isEmpty ? evaluationTimes.count : evaluationTimeRows.map(\.count).max() ?? 0
  }
  /// For 2-D systems: the grid the learned invariants were evaluated on, with the true ones.
  public var invariantGrid: InvariantGrid?
  /// Names of the state components (from the system).
  public var stateNames: [String] = []
  /// For a field system: the grid coordinate of each state component (else empty).
  public var gridCoordinates: [Double] = []
  public var runs: [MethodRun]
  /// Wall time of the whole comparison, and per seed of data generation.
  public var wallSeconds: Double
  public var dataSeconds: Double

  public init(
    systemName: String, protocolName: String, invariantNames: [String], methods: [String], seeds: [UInt64],
    noise: Double
  ) {
    self.systemName = systemName
    self.protocolName = protocolName
    self.invariantNames = invariantNames
    self.methods = methods
    self.seeds = seeds
    self.noise = noise
    self.evaluationTimes = []
    self.truth = [:]
    self.runs = []
    self.wallSeconds = 0
    self.dataSeconds = 0
  }

  /// The runs of `method`, one per seed.
  public func runs(of method: String) -> [MethodRun] { runs.filter { $0.method == method } }
}

extension ComparisonRecord {
  /// The columns of ``Experiment/builtInMetrics`` for a system with these invariants
  /// (for records made by hand, and results files written before columns were stored).
  public static func builtInMetricColumns(invariants: [String]) -> [MetricColumn] {
    MeanSquaredError.columns + InvariantViolation.columns(invariants: invariants)
      + InvariantR2.columns(invariants: invariants) + RolloutsOutsideData.columns + WallTime.columns
  }
}
