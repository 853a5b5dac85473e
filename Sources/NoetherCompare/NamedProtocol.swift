import NoetherCore

/// The named protocols a comparison can follow.
public enum NamedProtocol: String, CaseIterable, Sendable {
  /// The reference implementation's settings (the default; docs/comparison.md): the
  /// system's `referenceProtocol`, networks d → 100 → 100 → out.
  case reference
  /// The paper's Table 4 (Wang et al. 2023, appendix B.1): 50 training trajectories
  /// (100 for the heat equation) of 100 points over 10 s, as many test trajectories,
  /// networks with one hidden layer of 100 units, and every dynamics network trained
  /// 1000 epochs on batches of 100 (latent space included). The evaluation horizons,
  /// noise, contrastive settings and learning rate are the same as the reference's.
  case paper

  /// The data protocol for `system`.
  public func settings(for system: any DynamicalSystem) -> ReferenceProtocol {
    var p = system.referenceProtocol
    switch self {
    case .reference:
      return p
    case .paper:
      let training = system.dimension > 20 ? 100 : 50
      p.name = "concernet-paper-table4"
      p.trajectoryCount = 2 * training
      p.trainingCount = training
      p.pointCount = 100
      p.duration = 10
      return p
    }
  }

  /// Hidden widths of every network under this protocol.
  public var hidden: [Int] {
    switch self {
    case .reference: return [100, 100]
    case .paper: return [100]
    }
  }

  /// The methods' common options under this protocol: the hidden widths, and for the
  /// paper's Table 4 latent dynamics at 1000 epochs on batches of 100 (the reference's
  /// heat script uses 200 epochs on batches of 20, the default).
  public var methodOptions: MethodOptions {
    var options = MethodOptions()
    options.hidden = hidden
    if self == .paper {
      options.latentSpace.epochs = 1000
      options.latentSpace.batchSize = 100
    }
    return options
  }
}
