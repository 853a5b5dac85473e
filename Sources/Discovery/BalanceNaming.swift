import NoetherCore
import SINDy

/// Balance laws for people: each pair scaled and named after the known balance law its
/// quantity matches (R² ≥ 0.999 of a linear fit over the data: the known law's scale,
/// so `energy = 0.5 q² + 0.5 p²`), else scaled so that its largest coefficient is 1 and
/// named B1, B2, …; the kind from its source's signs.
struct BalanceNaming {
  let library: any FeatureLibrary
  let sources: any FeatureLibrary
  let stateNames: [String]
  let known: [KnownBalanceLaw]
  let digits: Int

  func named(_ candidates: [BalanceLawSearch.Candidate], states: StateBatch) -> [BalanceLaw] {
    let theta = library.features(states)
    let p = library.featureCount(dimension: states.dimension)
    let terms = library.featureNames(stateNames: stateNames)
    let sourceTerms = sources.featureNames(stateNames: stateNames)
    var unnamed = 0
    return candidates.map { candidate in
      let values = DiscoveryAlgebra.values(of: candidate.quantity, theta: theta, terms: p)
      var name: String?
      var scale = 1.0
      for law in known where name == nil {
        let target = law.quantity.values(at: states)
        if let (slope, r2) = Self.fit(target, on: values), r2 >= 0.999 {
          (name, scale) = (law.name, slope)
        }
      }
      if name == nil {
        unnamed += 1
        name = "B\(unnamed)"
        let largest = candidate.quantity.max { abs($0) < abs($1) } ?? 1
        scale = 1 / largest
      }
      let quantity = candidate.quantity.map { $0 * scale }
      let source = candidate.source.map { $0 * scale }
      let alternatives = candidate.alternatives.map { other -> String in
        let dot = zip(other.quantity, candidate.quantity).reduce(0.0) { $0 + $1.0 * $1.1 }
        let norm = other.quantity.reduce(0.0) { $0 + $1 * $1 }
        return FormulaText.sum(
          other.source.map { $0 * dot / norm * scale }, terms: sourceTerms, digits: digits)
      }
      let (above, below) = scale > 0 ? (candidate.above, candidate.below) : (candidate.below, candidate.above)
      let kind: LawKind =
        above == 0 && below > 0 ? .dissipated : below == 0 && above > 0 ? .supplied : .balanced
      return BalanceLaw(
        name: name ?? "", coefficients: quantity, sourceCoefficients: source,
        formula: FormulaText.sum(quantity, terms: terms, digits: digits),
        sourceFormula: FormulaText.sum(source, terms: sourceTerms, digits: digits), kind: kind,
        noiseRatio: candidate.ratio, rounded: candidate.rounded, heldOutRatio: candidate.heldOut,
        pointsAbove: above, pointsBelow: below,
        points: candidate.points, separateSourceTerms: candidate.separate, alternativeSources: alternatives)
    }
  }

  /// The slope of y on x with an intercept, and the fit's R²; nil when x is constant.
  static func fit(_ y: [Double], on x: [Double]) -> (slope: Double, r2: Double)? {
    let count = Double(x.count)
    let (mx, my) = (x.reduce(0, +) / count, y.reduce(0, +) / count)
    var (sxx, sxy, syy) = (0.0, 0.0, 0.0)
    for (a, b) in zip(x, y) {
      sxx += (a - mx) * (a - mx)
      sxy += (a - mx) * (b - my)
      syy += (b - my) * (b - my)
    }
    guard sxx > 0, syy > 0 else { return nil }
    return (sxy / sxx, sxy * sxy / (sxx * syy))
  }
}
