import NoetherCore
import NoetherNN

/// A learned vector field x ↦ h(x) (an MLP), seen through the constraint it was trained
/// through, if any: f̃(x) = constraint(h(x), x) (ConCerNet's projection
/// f̃ = h − G(GᵀG)⁻¹Gᵀh; the soft penalty leaves h as it is).
public struct NeuralDynamicsModel: VectorFieldModel {
  public let methodName: String
  /// h, the nominal dynamics network (n → … → n).
  public let network: MLP
  /// The constraint the field is seen through; nil for a plain network.
  public let constraint: (any ConstraintLayer)?
  /// Training settings, kept for the archive.
  public let settings: [String: String]

  public init(
    methodName: String, network: MLP, constraint: (any ConstraintLayer)? = nil,
    settings: [String: String] = [:]
  ) {
    self.methodName = methodName
    self.network = network
    self.constraint = constraint
    self.settings = settings
  }

  public var dimension: Int { network.inputCount }

  public func derivatives(at states: StateBatch) -> StateBatch {
    let f = network(Matrix(rows: states.count, columns: states.dimension, scalars: states.values)).scalars
    let nominal = StateBatch(count: states.count, dimension: states.dimension, values: f)
    guard let constraint else { return nominal }
    return constraint.constrain(nominal, at: states)
  }

  /// h under the prefix `h`, the settings, and an archivable constraint's own entries
  /// (an invariant network under `g`).
  public func archive() -> ModelArchive {
    var archive = ModelArchive(method: methodName, settings: settings)
    let h = network.archived(as: "h")
    archive.settings.merge(h.settings) { $1 }
    archive.arrays.merge(h.arrays) { $1 }
    if let constraint = constraint as? any ArchivableConstraint {
      let c = constraint.archive()
      archive.settings.merge(c.settings) { $1 }
      archive.arrays.merge(c.arrays) { $1 }
    }
    return archive
  }

  /// Rebuilds a model from its archive (predictions identical to the original): an
  /// invariant network `g` is the projection's (`constraint` = `projection`, or absent
  /// in older archives) or the soft penalty's (`penalty`).
  public init(archive: ModelArchive) throws {
    let network = try MLP(archive: archive, prefix: "h")
    var constraint: (any ConstraintLayer)?
    if archive.settings["g/sizes"] != nil {
      let g = NetworkInvariant(try MLP(archive: archive, prefix: "g"))
      if archive.settings["constraint"] == "penalty" {
        let weight = Double(archive.settings["penalty_weight"] ?? "") ?? 0
        constraint = SoftPenalty(g, weight: weight >= 0 && weight.isFinite ? weight : 0)
      } else {
        constraint = HardProjection(g)
      }
    }
    self.init(
      methodName: archive.method, network: network, constraint: constraint, settings: archive.settings)
  }

  /// The invariants of the constraint when it is a projection or a penalty on them.
  public var invariants: (any InvariantFunction)? {
    (constraint as? any InvariantConstraint)?.constrainedInvariants
  }
}
