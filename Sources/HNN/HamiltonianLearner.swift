import NoetherCore
import NoetherLearning
import NoetherNN
import _Differentiation

/// Hamiltonian neural networks (Greydanus et al. 2019): learn a scalar H(q, p) whose
/// symplectic gradient J∇H = (∂H/∂p, −∂H/∂q) fits the observed ẋ, so that H is conserved
/// by construction. The state must be in canonical coordinates x = (q, p).
public struct HamiltonianLearner: DynamicsLearner, Sendable {
  public var methodName: String { "hnn" }
  public var network: NetworkSettings
  public var training: TrainingSettings
  public var progress: ProgressHandler?

  public init(
    network: NetworkSettings = NetworkSettings(), training: TrainingSettings = TrainingSettings(),
    progress: ProgressHandler? = nil
  ) {
    self.network = network
    self.training = training
    self.progress = progress
  }

  /// Checks that the method (an HNN, or a dissipative one) applies to data of this dimension.
  /// - Throws: `NoetherError.notApplicable` for an odd dimension.
  public static func checkApplicable(dimension: Int, method: String = "hnn") throws {
    guard dimension % 2 == 0, dimension > 0 else {
      throw NoetherError.notApplicable(
        method: method,
        reason:
          "an HNN needs canonical coordinates (q, p), so an even state dimension; this system has dimension \(dimension). Use concernet, baseline or sindy instead"
      )
    }
  }

  /// The training split's states and derivatives, one point per row.
  static func trainingPoints(_ data: TrajectorySet) -> (states: Matrix, derivatives: Matrix) {
    let train = data.training
    let x = Matrix(
      rows: train.totalPointCount, columns: train.dimension, scalars: train.states)
    return (x, Matrix(rows: x.rows, columns: train.dimension, scalars: train.derivatives))
  }

  public func fit(_ data: TrajectorySet) throws -> HamiltonianModel {
    try Self.checkApplicable(dimension: data.dimension)
    let (x, dx) = Self.trainingPoints(data)
    let n = x.columns
    var generator = SeededGenerator(seed: training.seed &+ 2)
    var h = MLP(
      sizes: network.sizes(inputs: n, outputs: 1), activation: network.activation, generator: &generator)
    try Trainer(settings: training, method: methodName, progress: progress).train(
      &h, batches: .points(x.rows, batchSize: training.batchSize), phase: "training", generator: &generator
    ) { h, batch in
      let xb = x.gatheringRows(batch)
      let tb = dx.gatheringRows(batch)
      return valueWithGradient(at: h) { h in (HamiltonianModel.symplecticField(h, xb) - tb).squared().sum() }
    }
    return HamiltonianModel(network: h, settings: training.archived)
  }
}

/// The learned field J∇H of an HNN; its H is also a learned invariant.
public struct HamiltonianModel: VectorFieldModel {
  public var methodName: String { "hnn" }
  /// H: Rⁿ → R.
  public let network: MLP
  public let settings: [String: String]

  public init(network: MLP, settings: [String: String] = [:]) {
    self.network = network
    self.settings = settings
  }

  public var dimension: Int { network.inputCount }

  /// The learned Hamiltonian as an invariant (for R² against the true invariants,
  /// as in the paper's Table 7, or for a projection).
  public var hamiltonian: NetworkInvariant { NetworkInvariant(network) }

  /// J∇ₓH(x) = (∂H/∂p, −∂H/∂q) for each row of x = (q, p).
  @differentiable(reverse,wrt: h)
  public static func symplecticField(_ h: MLP, _ x: Matrix) -> Matrix {
    let g = h.inputGradient(at: x)
    let half = withoutDerivative(at: x.columns) / 2
    return g.columns(half..<(2 * half)).concatenatingColumns(-g.columns(0..<half))
  }

  public func derivatives(at states: StateBatch) -> StateBatch {
    let x = Matrix(rows: states.count, columns: states.dimension, scalars: states.values)
    return StateBatch(
      count: states.count, dimension: states.dimension, values: Self.symplecticField(network, x).scalars)
  }

  public func archive() -> ModelArchive {
    let h = network.archived(as: "H")
    return ModelArchive(method: methodName, settings: settings.merging(h.settings) { $1 }, arrays: h.arrays)
  }

  public init(archive: ModelArchive) throws {
    self.init(network: try MLP(archive: archive, prefix: "H"), settings: archive.settings)
  }
}
