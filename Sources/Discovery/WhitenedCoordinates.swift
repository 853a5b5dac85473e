import NoetherCore
import SINDy

/// Coordinates in which the noise is the same on every state component: y_d = x_d / s_d
/// with s_d = σ_d / σ̄ (σ_d the component's noise, σ̄ the level discovery works with).
///
/// Discovery's noise model assumes one σ on every component; a record that mixes units
/// (an angle and an angular velocity, pixels and pixels per second) has not. In y it has,
/// and a library in y (``ScaledLibrary``) takes the same values as the library in x, so
/// the laws' coefficients over the terms mean the same; gradients and curvatures follow
/// by the chain rule (∂/∂y_d = s_d ∂/∂x_d).
struct WhitenedCoordinates {
  /// s_d per component.
  let scales: [Double]

  /// Nil when the noise is one σ for every component (exact, given, or estimated alike).
  init?(noise: NoiseLevel, dimension: Int) {
    guard let components = noise.components, components.count == dimension, noise.sigma > 0,
      let low = components.min(), let high = components.max(), high > low
    else { return nil }
    // A component without noise keeps 10⁻³ of the level: whitening cannot divide by 0.
    scales = components.map { max($0, 1e-3 * noise.sigma) / noise.sigma }
  }

  /// The trajectories in y.
  func whitened(_ data: TrajectorySet) -> TrajectorySet {
    var out = data
    let n = scales.count
    for k in out.states.indices { out.states[k] /= scales[k % n] }
    for k in out.derivatives.indices { out.derivatives[k] /= scales[k % n] }
    return out
  }

  /// x for states given in y.
  func original(_ states: StateBatch) -> StateBatch {
    var out = states
    let n = scales.count
    for k in out.values.indices { out.values[k] *= scales[k % n] }
    return out
  }

  /// A known invariant of x as a function of y.
  func inWhitened(_ invariant: KnownInvariant) -> KnownInvariant {
    let scales = self.scales
    let me = self
    return KnownInvariant(
      name: invariant.name, formula: invariant.formula, value: { invariant.values(at: me.original($0)) },
      gradient: { y in
        var g = invariant.gradients(at: me.original(y))
        for k in g.values.indices { g.values[k] *= scales[k % scales.count] }
        return g
      })
  }
}

/// A feature library evaluated in whitened coordinates: θ(y) = θ_base(y ⊙ s), its
/// gradient ∂θ/∂y_d = s_d ∂θ_base/∂x_d (``WhitenedCoordinates``). Same names and forms.
struct ScaledLibrary: FeatureLibrary {
  let base: any FeatureLibrary
  let coordinates: WhitenedCoordinates

  func featureCount(dimension: Int) -> Int { base.featureCount(dimension: dimension) }
  func featureNames(stateNames: [String]) -> [String] { base.featureNames(stateNames: stateNames) }
  func features(_ states: StateBatch) -> [Double] { base.features(coordinates.original(states)) }
  func featureGradients(_ states: StateBatch) -> [Double] {
    var g = base.featureGradients(coordinates.original(states))
    let n = coordinates.scales.count
    for k in g.indices { g[k] *= coordinates.scales[k % n] }
    return g
  }
  var archiveDescription: String? { base.archiveDescription }
  func featureForms(dimension: Int) -> [FeatureForm]? { base.featureForms(dimension: dimension) }
}
