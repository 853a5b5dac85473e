import NoetherCore
import NoetherNN

/// A learned vector field x ↦ h(x) (an MLP), optionally projected onto the tangent
/// space of learned invariants g (ConCerNet's f̃ = h − G(GᵀG)⁻¹Gᵀh).
public struct NeuralDynamicsModel: VectorFieldModel {
  public let methodName: String
  /// h, the nominal dynamics network (n → … → n).
  public let network: MLP
  /// g, the invariant network whose gradients the field is projected against.
  public let invariant: NetworkInvariant?
  /// Training settings, kept for the archive.
  public let settings: [String: String]

  public init(
    methodName: String, network: MLP, invariant: NetworkInvariant? = nil, settings: [String: String] = [:]
  ) {
    self.methodName = methodName
    self.network = network
    self.invariant = invariant
    self.settings = settings
  }

  public var dimension: Int { network.inputCount }

  public func derivatives(at states: StateBatch) -> StateBatch {
    let f = network(Matrix(rows: states.count, columns: states.dimension, scalars: states.values)).scalars
    guard let invariant else {
      return StateBatch(count: states.count, dimension: states.dimension, values: f)
    }
    let basis = ProjectionBasis(invariant, at: states)
    return StateBatch(count: states.count, dimension: states.dimension, values: basis.project(f))
  }

  public func archive() -> ModelArchive {
    var archive = ModelArchive(method: methodName, settings: settings)
    let h = network.archived(as: "h")
    archive.settings.merge(h.settings) { $1 }
    archive.arrays.merge(h.arrays) { $1 }
    if let invariant {
      let g = invariant.network.archived(as: "g")
      archive.settings.merge(g.settings) { $1 }
      archive.arrays.merge(g.arrays) { $1 }
    }
    return archive
  }

  /// Rebuilds a model from its archive (predictions identical to the original).
  public init(archive: ModelArchive) throws {
    let network = try MLP(archive: archive, prefix: "h")
    let invariant =
      archive.settings["g/sizes"] != nil ? NetworkInvariant(try MLP(archive: archive, prefix: "g")) : nil
    self.init(methodName: archive.method, network: network, invariant: invariant, settings: archive.settings)
  }
}
