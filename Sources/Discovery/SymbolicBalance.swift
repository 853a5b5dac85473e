import NoetherCore
import SINDy

/// Balance laws as exact formulas: quantities Cₖ = Σⱼ aₖⱼ θⱼ over a library (a
/// ``SymbolicInvariant``) with sources sₖ = Σₗ bₖₗ φₗ over a source library, so that
/// dCₖ/dt = sₖ along the flow; a conservation law is a row of b that is zero. What the
/// balance projection and the step projection enforce (`BalanceFunction`).
public struct SymbolicBalance: BalanceFunction {
  public let quantities: SymbolicInvariant
  public let sourceLibrary: any FeatureLibrary
  /// The source library's spec (`poly2`), to rebuild it from a file.
  public let sourceSpec: String
  /// Row-major [m, q]: source k is Σₗ sourceCoefficients[k·q + l] φₗ.
  public let sourceCoefficients: [Double]

  public init(
    quantities: SymbolicInvariant, sourceLibrary: any FeatureLibrary, sourceSpec: String,
    sourceCoefficients: [Double]
  ) {
    precondition(
      sourceCoefficients.count
        == quantities.invariantCount * sourceLibrary.featureCount(dimension: quantities.inputDimension),
      "SymbolicBalance: source coefficients must be [quantities, source terms]")
    self.quantities = quantities
    self.sourceLibrary = sourceLibrary
    self.sourceSpec = sourceSpec
    self.sourceCoefficients = sourceCoefficients
  }

  /// A discovery's conservation laws (source 0) followed by its balance laws; nil when it
  /// found no balance law or sought none.
  public init?(_ result: DiscoveryResult) {
    guard let spec = result.sourceSpec, let sourceLibrary = result.sourceLibrary, !result.balanceLaws.isEmpty
    else { return nil }
    let invariants = result.invariants
    let q = sourceLibrary.featureCount(dimension: invariants.inputDimension)
    let quantities = SymbolicInvariant(
      library: invariants.library, librarySpec: invariants.librarySpec, stateNames: invariants.stateNames,
      names: invariants.names + result.balanceLaws.map(\.name),
      coefficients: invariants.coefficients + result.balanceLaws.flatMap(\.coefficients))
    self.init(
      quantities: quantities, sourceLibrary: sourceLibrary, sourceSpec: spec,
      sourceCoefficients: [Double](repeating: 0, count: invariants.invariantCount * q)
        + result.balanceLaws.flatMap(\.sourceCoefficients))
  }

  public var inputDimension: Int { quantities.inputDimension }
  public var invariantCount: Int { quantities.invariantCount }
  /// q, the source library's terms.
  public var sourceTermCount: Int { sourceLibrary.featureCount(dimension: inputDimension) }

  public func values(at states: StateBatch) -> [Double] { quantities.values(at: states) }
  public func gradients(at states: StateBatch) -> [Double] { quantities.gradients(at: states) }

  public func sources(at states: StateBatch) -> [Double] {
    // Σₗ bₖₗ φₗ per state and law: the same sums as a SymbolicInvariant's, over Φ.
    SymbolicInvariant(
      library: sourceLibrary, librarySpec: sourceSpec, stateNames: quantities.stateNames,
      names: quantities.names, coefficients: sourceCoefficients
    ).values(at: states)
  }

  /// The laws at `indices` only.
  public func selecting(_ indices: [Int]) -> SymbolicBalance {
    let q = sourceTermCount
    return SymbolicBalance(
      quantities: quantities.selecting(indices), sourceLibrary: sourceLibrary, sourceSpec: sourceSpec,
      sourceCoefficients: indices.flatMap { sourceCoefficients[($0 * q)..<(($0 + 1) * q)] })
  }
}
