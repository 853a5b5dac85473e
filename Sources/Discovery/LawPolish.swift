import NoetherCore

/// The candidates' coefficients made final: refined for noise that differs from point to
/// point, then rounded to the simplest numbers the data accept and resolve.
///
/// - Refinement (`WeightedRefinement`): each point weighed by the inverse of its own noise;
///   a term the weighting pushes below `sparsity` of the largest (scaled) is dropped and
///   the rest refined again (at most three times). The refined formula is kept when it
///   passes the unweighted test (λ below the threshold) or the weighted one it was fitted
///   in (λ_w below 1 + z·√(2/dof_w), Kish's effective dof): the unweighted test is
///   dominated by the noisiest points.
/// - Rounding (`CoefficientRounding`): of the kept fit, or when that cannot be rounded,
///   of the unrefined one (the minimiser of the unweighted λ the rounding's test uses).
struct LawPolish {
  /// A polished candidate: coefficients over the whole library (unscaled), whether they
  /// were rounded, and the formula's noise ratio λ.
  struct Form {
    var coefficients: [Double]
    var rounded: Bool
    var lambda: Double
  }

  var significance: Double
  var sparsity: Double

  func polish(_ candidates: [ConservedSpace.Candidate], data: PreparedData, model: NoiseModel) -> [Form] {
    let refinement = WeightedRefinement(library: data.library)
    let varianceFactors = model.weights.map { $0 * $0 }
    return candidates.map { candidate in
      let c = data.unscaled(candidate.coefficients)
      let fit = refined(c, refinement: refinement, varianceFactors: varianceFactors, data: data)
      let refinedLambda = DiscoveryAlgebra.rayleigh(
        data.scaled(fit.coefficients), model.variation, model.noise)
      let weightedThreshold = 1 + significance * (2 / max(fit.dof, 1)).squareRoot()
      let keep = refinedLambda < model.threshold || fit.noiseRatio < weightedThreshold
      let fitted = keep ? fit.coefficients : c
      let fittedLambda = keep ? refinedLambda : candidate.lambda
      let rounding = CoefficientRounding()
      let unscaled = data.active.map { 1 / data.scales[$0] }
      let round = { (coefficients: [Double]) in
        rounding.rounded(
          data.scaled(coefficients), m: model.variation, b: model.noise, unscaled: unscaled, dof: model.dof)
      }
      guard let simple = round(fitted) ?? (keep ? round(c) : nil) else {
        return Form(coefficients: fitted, rounded: false, lambda: fittedLambda)
      }
      return Form(
        coefficients: data.unscaled(simple), rounded: true,
        lambda: DiscoveryAlgebra.rayleigh(simple, model.variation, model.noise))
    }
  }

  /// c refined, dropping terms the weighting makes small (the weighted test's λ_w is then
  /// NaN: it was of the formula before the drop).
  private func refined(
    _ c: [Double], refinement: WeightedRefinement, varianceFactors: [Double], data: PreparedData
  ) -> WeightedRefinement.Fit {
    var refined = c
    var weighted = WeightedRefinement.Fit(coefficients: c, noiseRatio: .nan, dof: 0)
    for _ in 0..<3 {
      weighted = refinement.refine(
        refined, theta: data.theta, states: data.states, varianceFactors: varianceFactors,
        layout: data.layout,
        sigma: data.sigma)
      refined = weighted.coefficients
      let largest = data.active.map { abs(refined[$0]) * data.scales[$0] }.max() ?? 0
      let small = data.active.filter {
        refined[$0] != 0 && abs(refined[$0]) * data.scales[$0] < sparsity * largest
      }
      guard !small.isEmpty else { break }
      for j in small { refined[j] = 0 }
      weighted.noiseRatio = .nan
    }
    weighted.coefficients = refined
    return weighted
  }
}
