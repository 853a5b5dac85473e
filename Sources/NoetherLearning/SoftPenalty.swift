import NoetherCore
import NoetherNN

/// The soft (PINN-style) counterpart of the hard projection: training adds
/// λ·(1/m) Σₖ mean over the batch of (∇Hₖ(x)·f(x))² to the loss (for balance laws,
/// (∇Cₖ(x)·f(x) − sₖ(x))²), so conservation is encouraged, not enforced; the trained field is used as it is (``constrain(_:at:)``
/// returns the nominal field).
public struct SoftPenalty<Invariants: InvariantFunction>: TrainableConstraint {
  public let invariants: Invariants
  /// λ, the penalty weight.
  public let weight: Double

  /// - Precondition: `weight` is finite and ≥ 0 (`SoftPenaltyLearner` checks it with a clear error).
  public init(_ invariants: Invariants, weight: Double) {
    precondition(weight >= 0 && weight.isFinite, "SoftPenalty: the weight must be a finite number ≥ 0")
    self.invariants = invariants
    self.weight = weight
  }

  /// The nominal field, unchanged.
  public func constrain(_ nominal: StateBatch, at states: StateBatch) -> StateBatch { nominal }

  /// The invariant gradients at the training states, one N × n matrix per invariant.
  public func training(at states: StateBatch) throws -> any BatchConstraint {
    let m = invariants.invariantCount
    let n = states.dimension
    let all = invariants.gradients(at: states)  // [N, m, n]
    let perInvariant = (0..<m).map { k in
      Matrix(
        rows: states.count, columns: n,
        scalars: (0..<(states.count * n)).map { all[(($0 / n) * m + k) * n + $0 % n] })
    }
    guard let balance = invariants as? any BalanceFunction else {
      return ConservationPenalty(weight: weight, gradients: perInvariant)
    }
    let s = balance.sources(at: states)  // [N, m]
    let columns = (0..<m).map { k in
      Matrix(rows: states.count, columns: 1, scalars: (0..<states.count).map { s[$0 * m + k] })
    }
    return ConservationPenalty(weight: weight, gradients: perInvariant, sources: columns)
  }
}

extension SoftPenalty: ArchivableConstraint where Invariants == NetworkInvariant {
  /// g's layers under the prefix `g`, `constraint` = `penalty` and the weight.
  public func archive() -> ModelArchive {
    let g = invariants.network.archived(as: "g")
    var settings = g.settings
    settings["constraint"] = "penalty"
    settings["penalty_weight"] = "\(weight)"
    return ModelArchive(method: "constraint", settings: settings, arrays: g.arrays)
  }
}
