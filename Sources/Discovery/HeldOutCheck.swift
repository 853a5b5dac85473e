import NoetherCore

/// Whether a law holds on trajectories it was not fitted on (cross-fitting over two folds).
///
/// The trajectories (with at least 2 kept points) are dealt alternately into two folds;
/// with fewer than 4 of them, each trajectory's kept points are cut into a first and a
/// second half instead (segments). For each fold A and the other, B: a fitted law's
/// coefficients are fitted again on A alone, over the same terms (the smallest generalised
/// eigenvector of M_A c = λ B_A c on its support; a rounded law is taken as it is), and
/// judged on B, which took no part in the fit: λ_B = cᵀM_B c / cᵀB_B c, its rise over
/// the fit's own λ_A, z = (λ_B − λ_A)/√(2/dof_A + 2/dof_B) (≈ N(0, 1) for a law; the
/// rise, not λ_B − 1, so that a law whose noise the second-order model misjudges —
/// Kepler's energy near small r, λ ≈ 1.1 on every fold — is judged by what the fit
/// gained), and the drift test on B (`DriftTest`). The figures are the larger of the two
/// directions. A combination the search bent into the noise (the smallest eigenvalues
/// of a large library sit below 1 by chance) rises on data it was not chosen on. A
/// rounded law was not fitted, so it has no rise (NaN) and is judged by the drift alone:
/// its λ differs between folds only as the noise model's error does (Kepler's energy,
/// seed 2034's training half: λ 1.0 and 1.1 on the two folds, a "rise" of 8).
/// Exact data: the spread within B's trajectories against the spread across them
/// (`LawStatistics.spread`), which is round-off for a law.
struct HeldOutCheck {
  /// The folds: trajectories dealt alternately, or halves of each trajectory.
  let folds: HeldOutFigures.Folds
  /// The two folds as prepared values: the fold's trajectories alone, or (segments) the
  /// whole data with only the fold's points kept. Scales and terms are the whole data's.
  private let parts: [PreparedData]
  private let models: [NoiseModel]?

  /// Nil when the data cannot be split into two folds with enough points for the noise
  /// model (fewer differences than terms in a fold).
  init?(_ data: PreparedData, significance: Double) {
    let layout = data.layout
    let trajectories = (0..<layout.count).filter { t in
      layout.range(t).filter { data.kept[$0] }.count >= 2
    }
    if trajectories.count >= 4 {
      folds = .trajectories
      parts = (0..<2).map { k in
        data.selecting(trajectories: trajectories.enumerated().filter { $0.offset % 2 == k }.map(\.element))
      }
    } else {
      folds = .segments
      var masks = [[Bool]](repeating: [Bool](repeating: false, count: data.pointCount), count: 2)
      for t in trajectories {
        let points = layout.range(t).filter { data.kept[$0] }
        guard points.count >= 4 else { continue }
        for (k, i) in points.enumerated() { masks[k < points.count / 2 ? 0 : 1][i] = true }
      }
      guard masks.allSatisfy({ $0.contains(true) }) else { return nil }
      parts = masks.map { mask in
        var part = data
        part.kept = mask
        return part
      }
    }
    if data.isNoisy {
      var models = [NoiseModel]()
      for part in parts {
        guard let model = try? NoiseModel(part, significance: significance) else { return nil }
        models.append(model)
      }
      self.models = models
    } else {
      self.models = nil
    }
  }

  /// The figures of the law with coefficients `c` (over all terms, unscaled).
  func figures(_ c: [Double], rounded: Bool, data: PreparedData) -> HeldOutFigures {
    guard let models else {
      let spread = parts.map { part in
        LawStatistics.spread(
          DiscoveryAlgebra.values(of: c, theta: part.theta, terms: part.termCount), kept: part.kept,
          layout: part.layout)
      }
      return HeldOutFigures(
        folds: folds, noiseRatio: .nan, z: .nan, drift: .nan, spread: spread.max() ?? .nan)
    }
    var (worstRatio, worstZ, worstDrift) = (-Double.infinity, -Double.infinity, -Double.infinity)
    for a in 0..<2 {
      let b = 1 - a
      let scaled = rounded ? data.scaled(c) : refitted(data.scaled(c), on: models[a])
      let ratio = noiseRatio(scaled, models[b])
      let rise =
        (ratio - noiseRatio(scaled, models[a])) / (2 / dof(models[a]) + 2 / dof(models[b])).squareRoot()
      let held = parts[b]
      let values = DiscoveryAlgebra.values(
        of: data.unscaled(scaled), theta: held.theta, terms: held.termCount)
      let drift = DriftTest().statistic(values, kept: held.kept, layout: held.layout) ?? .nan
      worstRatio = max(worstRatio, ratio.isNaN ? .infinity : ratio)
      if !rounded { worstZ = max(worstZ, rise.isNaN ? .infinity : rise) }
      worstDrift = max(worstDrift, drift.isNaN ? -.infinity : drift)
    }
    return HeldOutFigures(
      folds: folds, noiseRatio: worstRatio, z: rounded ? .nan : worstZ,
      drift: worstDrift.isFinite ? worstDrift : .nan, spread: .nan)
  }

  /// The law fitted again on one fold, over its own terms (scaled, active); as it is when
  /// the fold's noise form is not positive definite on them.
  private func refitted(_ scaled: [Double], on model: NoiseModel) -> [Double] {
    let support = scaled.indices.filter { scaled[$0] != 0 }
    guard support.count > 1 else { return scaled }
    let (m, b) = model.restricted(to: support)
    guard let eigen = try? SymmetricEigen.generalized(m, b, size: support.count) else { return scaled }
    var out = [Double](repeating: 0, count: scaled.count)
    let k = support.count
    // The smallest eigenvector (column 0), signed and sized like the law.
    let v = (0..<k).map { eigen.vectors[$0 * k] }
    let dot = zip(v, support.map { scaled[$0] }).reduce(0) { $0 + $1.0 * $1.1 }
    let size = support.map { scaled[$0] * scaled[$0] }.reduce(0, +)
    let factor = dot == 0 ? 1 : size / dot
    for (i, j) in support.enumerated() { out[j] = factor * v[i] }
    return out
  }

  /// λ = cᵀMc / cᵀBc on one fold (NaN without noise).
  private func noiseRatio(_ c: [Double], _ model: NoiseModel) -> Double {
    let support = c.indices.filter { c[$0] != 0 }
    let noise = DiscoveryAlgebra.quadraticForm(c, model.noise, over: support)
    return noise > 0 ? DiscoveryAlgebra.quadraticForm(c, model.variation, over: support) / noise : .nan
  }

  private func dof(_ model: NoiseModel) -> Double { Double(max(model.dof, 1)) }
}
