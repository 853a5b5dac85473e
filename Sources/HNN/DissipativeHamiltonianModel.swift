import NoetherCore
import NoetherLearning
import NoetherNN

/// The learned field J∇H + ∇D of a dissipative HNN; its H is a learned quantity whose
/// change along the field is ∇H·∇D.
public struct DissipativeHamiltonianModel: VectorFieldModel {
  public var methodName: String { "dhnn" }
  public let networks: HelmholtzNetworks
  public let settings: [String: String]

  public init(networks: HelmholtzNetworks, settings: [String: String] = [:]) {
    self.networks = networks
    self.settings = settings
  }

  public var dimension: Int { networks.hamiltonian.inputCount }

  /// The learned Hamiltonian (conserved by the field's first part only).
  public var hamiltonian: NetworkInvariant { NetworkInvariant(networks.hamiltonian) }

  public func derivatives(at states: StateBatch) -> StateBatch {
    let x = Matrix(rows: states.count, columns: states.dimension, scalars: states.values)
    return StateBatch(count: states.count, dimension: states.dimension, values: networks.field(x).scalars)
  }

  public func archive() -> ModelArchive {
    let (h, d) = (networks.hamiltonian.archived(as: "H"), networks.dissipation.archived(as: "D"))
    return ModelArchive(
      method: methodName, settings: settings.merging(h.settings) { $1 }.merging(d.settings) { $1 },
      arrays: h.arrays.merging(d.arrays) { $1 })
  }

  public init(archive: ModelArchive) throws {
    self.init(
      networks: HelmholtzNetworks(
        hamiltonian: try MLP(archive: archive, prefix: "H"),
        dissipation: try MLP(archive: archive, prefix: "D")),
      settings: archive.settings)
  }
}
