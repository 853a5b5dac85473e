/// A value with its mean and standard deviation over seeds.
public struct SeedStatistics: Sendable, Equatable {
  public let mean: Double
  public let standardDeviation: Double

  /// Mean and (population) standard deviation of the finite values; NaN when none is finite.
  public init(_ values: [Double]) {
    let finite = values.filter(\.isFinite)
    guard !finite.isEmpty else {
      mean = .nan
      standardDeviation = .nan
      return
    }
    let m = finite.reduce(0, +) / Double(finite.count)
    mean = m
    standardDeviation = (finite.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(finite.count)).squareRoot()
  }
}

/// How one method fared on one seed.
public enum MethodOutcome: Sendable, Equatable {
  /// Trained and evaluated.
  case completed
  /// The method does not apply to this system (an HNN on an odd dimension); the reason says why.
  case notApplicable(String)
  /// Training or the rollout produced non-finite values; the reason says where.
  case failed(String)

  public var label: String {
    switch self {
    case .completed: return "completed"
    case .notApplicable: return "not applicable"
    case .failed: return "failed"
    }
  }
}

/// One method on one seed: metrics, timings, the evaluation rollout and the model.
public struct MethodRun: Sendable {
  public var method: String
  public var seed: UInt64
  public var outcome: MethodOutcome
  /// Mean over trajectories, times and components of (x_true − x_model)².
  public var mse: Double = .nan
  /// Per known invariant: mean over trajectories and times of (C(x_model) − C(x_true))².
  public var violation: [String: Double] = [:]
  /// Per known invariant: R² of the best linear fit of it on the learned invariant(s),
  /// over the test trajectories (methods that learn one: ConCerNet, soft, HNN).
  public var r2: [String: Double] = [:]
  /// Wall time per phase (`train`, `evaluate`), seconds.
  public var seconds: [String: Double] = [:]
  /// The model's rollout from the evaluation initial states, [10, T, n] (empty if none).
  public var rollout: [Double] = []
  /// How many rollout trajectories went beyond twice the largest state norm of the
  /// data set and the truth (where the model only extrapolates), and the largest
  /// state norm any rollout reached (NaN when not measured).
  public var rolloutsOutsideData = 0
  public var rolloutReach = Double.nan
  /// Per evaluation time: the squared error averaged over trajectories and components.
  public var mseOverTime: [Double] = []
  /// Per known invariant and evaluation time: (C(x_model) − C(x_true))² averaged over trajectories.
  public var violationOverTime: [String: [Double]] = [:]
  /// The learned invariants on the record's `invariantGrid`, one array per learned output.
  public var learnedInvariantGrid: [[Double]] = []
  /// The trained model, if any.
  public var archive: ModelArchive?

  public init(method: String, seed: UInt64, outcome: MethodOutcome) {
    self.method = method
    self.seed = seed
    self.outcome = outcome
  }
}

/// Everything a comparison produced.
public struct ComparisonRecord: Sendable {
  public var systemName: String
  public var protocolName: String
  public var invariantNames: [String]
  public var methods: [String]
  public var seeds: [UInt64]
  public var noise: Double
  /// The training data of the first seed.
  public var dataset: TrajectoryDataset?
  /// Evaluation times and, per seed, the true rollout [10, T, n].
  public var evaluationTimes: [Double]
  public var truth: [UInt64: [Double]]
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
