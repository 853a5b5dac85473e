import NoetherCore

/// The terms a central force needs, with r = ‖q‖ the distance of the position q (the
/// first `positionCount` components; default half the state): 1/r and qᵢ/r for each
/// position component (Kepler's energy has −1/r, its Runge–Lenz vector x/r and y/r).
/// Undefined at r = 0 (the values are then infinite, and discovery refuses them).
public struct CentralForceLibrary: FeatureLibrary {
  /// How many leading components are the position; nil: half the state.
  public let positionCount: Int?

  public init(positionCount: Int? = nil) { self.positionCount = positionCount }

  private func positions(_ n: Int) -> Int { min(max(positionCount ?? n / 2, 1), n) }

  public func featureCount(dimension: Int) -> Int { 1 + positions(dimension) }

  public func featureForms(dimension: Int) -> [FeatureForm]? {
    [FeatureForm](repeating: .nonPolynomial, count: featureCount(dimension: dimension))
  }

  public func featureNames(stateNames: [String]) -> [String] {
    ["1/r"] + stateNames.prefix(positions(stateNames.count)).map { "\($0)/r" }
  }

  public func features(_ states: StateBatch) -> [Double] {
    let (n, k) = (states.dimension, positions(states.dimension))
    var out = [Double](repeating: 0, count: states.count * (k + 1))
    for i in 0..<states.count {
      var r2 = 0.0
      for j in 0..<k { r2 += states[i, j] * states[i, j] }
      let inverse = 1 / r2.squareRoot()
      out[i * (k + 1)] = inverse
      for j in 0..<k { out[i * (k + 1) + 1 + j] = states[i, j] * inverse }
    }
    _ = n
    return out
  }

  /// ∂(1/r)/∂qⱼ = −qⱼ/r³; ∂(qᵢ/r)/∂qⱼ = δᵢⱼ/r − qᵢqⱼ/r³.
  public func featureGradients(_ states: StateBatch) -> [Double] {
    let (n, k) = (states.dimension, positions(states.dimension))
    let p = k + 1
    var out = [Double](repeating: 0, count: states.count * p * n)
    for i in 0..<states.count {
      var r2 = 0.0
      for j in 0..<k { r2 += states[i, j] * states[i, j] }
      let r = r2.squareRoot()
      let r3 = r2 * r
      for j in 0..<k {
        out[(i * p) * n + j] = -states[i, j] / r3
        for a in 0..<k {
          out[(i * p + 1 + a) * n + j] = (a == j ? 1 / r : 0) - states[i, a] * states[i, j] / r3
        }
      }
    }
    return out
  }

  public var archiveDescription: String? { nil }
}
