import NoetherCore

/// Which polished candidates are reported as laws: each gets a verdict, a law or a
/// `RejectedCandidate` with the rule and the figure that decided.
///
/// Candidates are taken in order: rounded coefficients first (of a law found twice, the
/// rounded copy is kept), then lowest degree, fewest terms, library order (Kepler's E
/// before the Runge–Lenz components, which with L also determine it). The rules, in order
/// (`RejectedCandidate.Rule`): vanishing, drifting (noisy data), then dependence on the
/// laws accepted before — one value on every trajectory like an earlier such law, a
/// function of the earlier laws (R² on their polynomials ≥ `dependenceR2`), or within 10 %
/// of their span (noisy data); a dependent one that is a multiple of an earlier law is a
/// restatement. With `flowRank` set (trajectories that move, where the rules left n laws
/// independent in n dimensions), the candidates go least drift first and one that would
/// raise the laws' functional rank past the cap is left out (`flow-rank`).
struct LawScreening {
  /// A candidate reported as a law: its polished form, its values at every point, and
  /// its drift z (NaN for exact data).
  struct Law {
    let form: LawPolish.Form
    let values: [Double]
    let drift: Double
    var heldOut: HeldOutFigures?
  }

  var significance: Double
  var dependenceR2: Double
  /// z beyond which a law's held-out noise ratio rejects it (`HeldOutCheck`).
  var heldOutSignificance: Double
  /// When set, the screening for trajectories that move: candidates in order of their
  /// drift z (least first), and at most `cap` functionally independent laws (the rank of
  /// their unit gradients, singular values below `tolerance` of the largest not counted).
  var flowRank: (cap: Int, tolerance: Double)?

  func screen(_ forms: [LawPolish.Form], data: PreparedData, heldOut check: HeldOutCheck?) -> (
    laws: [Law], rejected: [RejectedCandidate]
  ) {
    var laws = [Law]()
    var rejected = [RejectedCandidate]()
    var acceptedScaled = [[Double]]()
    var anyUniform = false
    let driftZ = { (values: [Double]) in
      data.isNoisy ? DriftTest().statistic(values, kept: data.kept, layout: data.layout) ?? .nan : .nan
    }
    var ordered = order(forms, data: data)
    var drifts = [Int: Double]()
    if flowRank != nil {  // the least drift first (NaN last); stable, so ties keep the usual order
      for k in ordered {
        drifts[k] = driftZ(
          DiscoveryAlgebra.values(of: forms[k].coefficients, theta: data.theta, terms: data.termCount))
      }
      let key = { (k: Int) in drifts[k]!.isNaN ? Double.infinity : drifts[k]! }
      let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
      ordered.sort { (key($0), position[$0]!) < (key($1), position[$1]!) }
    }
    for k in ordered {
      let c = forms[k].coefficients
      let values = DiscoveryAlgebra.values(of: c, theta: data.theta, terms: data.termCount)
      let reject = { (rule: RejectedCandidate.Rule, figure: Double) in
        rejected.append(
          RejectedCandidate(
            formula: FormulaText.sum(c, terms: data.termNames, digits: 3), rule: rule, figure: figure))
      }
      guard data.trajectoryCount >= 2 else {
        reject(.singleTrajectory, Double(data.trajectoryCount))
        continue
      }
      let vanishing = LawStatistics.vanishing(values, c, theta: data.theta, terms: data.termCount)
      if vanishing.vanishes {
        reject(.vanishing, vanishing.ratio)
        continue
      }
      let drift = drifts[k] ?? driftZ(values)
      let resolvable = forms[k].lambda >= DriftTest.resolvableNoiseRatio
      if drift > significance, resolvable {
        reject(.drifting, drift)
        continue
      }
      let heldOut = check?.figures(c, rounded: forms[k].rounded, data: data)
      if let heldOut, let figure = failure(heldOut, driftResolvable: resolvable) {
        reject(.heldOut, figure)
        continue
      }
      let uniform = oneValue(values, data: data)
      let scaled = data.scaled(c)
      if let dependence = dependence(
        values, scaled: scaled, uniform: uniform.shared && anyUniform, figure: uniform.figure, laws: laws,
        acceptedScaled: acceptedScaled, noisy: data.isNoisy, trajectories: data.trajectoryCount)
      {
        reject(dependence.rule, dependence.figure)
        continue
      }
      if let flowRank,
        independentCount(laws.map(\.form) + [forms[k]], data: data, tolerance: flowRank.tolerance)
          > flowRank.cap
      {
        reject(.flowRank, drift)
        continue
      }
      anyUniform = anyUniform || uniform.shared
      laws.append(Law(form: forms[k], values: values, drift: drift, heldOut: heldOut))
      acceptedScaled.append(scaled)
    }
    return (laws, rejected)
  }

  /// The figure that fails the held-out check, or nil when the law holds there: noisy
  /// data, the held-out z beyond `heldOutSignificance` or (when `driftResolvable`) the
  /// held-out drift beyond the significance; exact data, a held-out spread above 1e-3.
  private func failure(_ figures: HeldOutFigures, driftResolvable: Bool) -> Double? {
    if figures.spread.isFinite { return figures.spread > 1e-3 ? figures.spread : nil }
    let drift = driftResolvable && figures.drift.isFinite ? figures.drift : -.infinity
    if figures.z > heldOutSignificance || drift > significance { return max(figures.z, drift) }
    return nil
  }

  /// How many of `forms` are functionally independent on the data's states.
  private func independentCount(_ forms: [LawPolish.Form], data: PreparedData, tolerance: Double) -> Int {
    SymbolicInvariant(
      library: data.library, librarySpec: data.librarySpec, stateNames: data.stateNames,
      names: forms.indices.map { "I\($0 + 1)" }, coefficients: forms.flatMap(\.coefficients)
    ).independentCount(at: data.states, rankTolerance: tolerance)
  }

  /// The candidates' indices in screening order.
  private func order(_ forms: [LawPolish.Form], data: PreparedData) -> [Int] {
    let keys = forms.indices.map { k -> [Int] in
      let terms = (0..<data.termCount).filter { forms[k].coefficients[$0] != 0 }
      return [
        forms[k].rounded ? 0 : 1, terms.map { data.forms.orderingDegree[$0] }.max() ?? 0, terms.count,
        terms.first ?? 0, k,
      ]
    }
    return forms.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
  }

  /// Whether the values take one value on every trajectory, with the figure: for noisy
  /// data the trajectory means differ no more than their noise (an analysis of variance,
  /// `TrajectoryMeans`); for exact data the spread within trajectories is at least half the
  /// spread across them (the integrator's error against one value).
  private func oneValue(_ values: [Double], data: PreparedData) -> (shared: Bool, figure: Double) {
    if data.isNoisy {
      let means = TrajectoryMeans(values, kept: data.kept, layout: data.layout)
      return (means.shareOneValue(significance: significance), means.spreadAgainstNoise)
    }
    let spread = LawStatistics.spread(values, layout: data.layout)
    return (spread >= 0.5, spread)
  }

  /// The dependence rule a candidate falls under, with its figure; nil when it is new.
  private func dependence(
    _ values: [Double], scaled: [Double], uniform: Bool, figure: Double, laws: [Law],
    acceptedScaled: [[Double]],
    noisy: Bool, trajectories: Int
  ) -> (rule: RejectedCandidate.Rule, figure: Double)? {
    var found: (rule: RejectedCandidate.Rule, figure: Double)?
    if uniform {
      found = (.oneValue, figure)
    } else if !laws.isEmpty {
      let r2 = LawStatistics.fitOnPolynomials(values, of: laws.map(\.values), distinctPoints: trajectories)
      if r2 >= dependenceR2 { found = (.dependent, r2) }
    }
    if found == nil, noisy, CoefficientSpan.holds(acceptedScaled, scaled) {
      found = (.withinSpan, CoefficientSpan.relativeResidual(acceptedScaled, scaled))
    }
    guard let found else { return nil }
    let restated = laws.map { LawStatistics.linearR2(values, on: $0.values) }.max() ?? 0
    return restated >= dependenceR2 ? (.restatement, restated) : found
  }
}
