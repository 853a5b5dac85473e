import NoetherCore
import SINDy

/// Balance laws dC/dt = s of few terms, found support by support (`BalanceModel`).
///
/// For each source support S (1, 2, … `maximumSourceTerms` terms) the sparsest quantity
/// is sought: supports T of C of 1, 2, … `maximumLawTerms` terms, the pair (T, S) passing
/// (smallest λ below the threshold) and minimal (without any one of its terms it fails;
/// so C holds no conservation law and s no idle term). When one term alone balances with
/// S, S restates an equation (q̇ = p makes (q, p) a "law") and nothing on S is kept. Each
/// pair refitted on half the trajectories must pass on the other half, and its source's
/// signs are counted: `dissipated` when s stands below zero beyond 4 noise deviations
/// somewhere and above it nowhere (`supplied` the reverse), else `balanced`. Which pairs
/// mean something is `BalanceLawSelection`'s decision.
struct BalanceLawSearch {
  var maximumSourceTerms = 3
  var maximumLawTerms = 3
  /// How many noise deviations s must clear to count as above or below zero.
  var signSignificance = 4.0
  /// z of the noise model's threshold (`InvariantDiscovery.significance`).
  var significance = 6.0
  /// The most (source support, quantity support) pairs a search may try: a larger library
  /// first searches quantities of fewer terms, then sources of fewer terms (Kepler's
  /// poly3+central with poly2 sources, 34 × 14 terms: 3 and 3 would be 2.5 million pairs,
  /// 65 s at σ = 0.1).
  var supportBudget = 100_000

  /// The most numbers the search may hold for its gradients and curvatures (a
  /// points × q × n² array of second derivatives among them): 5·10⁷, 400 MB.
  static let sizeLimit = 50_000_000.0

  /// Refuses, before the search, one whose arrays would not fit: the heat equation's
  /// 20 000 points in 101 dimensions with poly1's 102 source terms would need 2·10¹⁰.
  /// - Throws: `NoetherError.invalidParameter` naming `--sources`, the sizes and the way out.
  static func checkSize(points: Int, dimension n: Int, termCount p: Int, sourceCount q: Int, spec: String)
    throws
  {
    let needed = Double(points) * (Double(q) * Double(n * n + n + 2) + Double(p * n))
    guard needed <= sizeLimit else {
      throw NoetherError.invalidParameter(
        name: "sources", value: "'\(spec)' (\(q) terms in \(n) dimensions, \(points) points)",
        requirement:
          "needs \(NumberFormat.scientific(needed)) numbers, more than the balance search holds (\(NumberFormat.scientific(sizeLimit))); use fewer points (--trajectories, --points) or a smaller source library"
      )
    }
  }

  /// The largest (source, quantity) support sizes within `supportBudget` for q source
  /// and p quantity terms.
  func limits(sourceCount q: Int, termCount p: Int) -> (sources: Int, terms: Int) {
    var (s, t) = (min(maximumSourceTerms, q), min(maximumLawTerms, p))
    let supports = { (n: Int, k: Int) in (1...k).reduce(0.0) { $0 + SparseSupportSearch.binomial(n, $1) } }
    while supports(q, s) * supports(p, t) > Double(supportBudget) && (t > 2 || s > 1) {
      if t > 2 { t -= 1 } else { s -= 1 }
    }
    return (s, t)
  }

  /// A pair found, over the whole libraries (unscaled), with its supports (indices of the
  /// active terms and of the source model's columns).
  struct Candidate {
    var terms: [Int]
    var sourceTerms: [Int]
    var quantity: [Double]
    var source: [Double]
    var ratio: Double
    var rounded: Bool
    var heldOut: Double?
    var above: Int
    var below: Int
    var points: Int
    var separate: Int?
    /// Other pairs the data accept on the same quantity support (quantity, source).
    var alternatives: [(quantity: [Double], source: [Double])] = []
    /// s ≤ 0 or s ≥ 0 on all the data beyond the noise.
    var isOneSigned: Bool { (above == 0) != (below == 0) }
  }

  /// The pairs `BalanceLawSelection` keeps, simplest first, on `data` (every point) whose
  /// conservation laws discovery found `conservationLaws` of.
  /// Also the support sizes searched (`limits`).
  func search(_ data: PreparedData, model: NoiseModel, sources: any FeatureLibrary, conservationLaws: Int)
    -> (candidates: [Candidate], sourceTerms: Int, quantityTerms: Int)
  {
    let integrals = SourceIntegrals(data, library: sources)
    let balance = BalanceModel(data, model: model, integrals: integrals)
    let (p, q) = (balance.termCount, balance.sources.count)
    guard q > 0 else { return ([], 0, 0) }
    let (maximumSources, maximumTerms) = limits(sourceCount: q, termCount: p)
    let own = (0..<p).map { j in
      sparsestSource(for: [j], sourceCount: q, balance: balance, limit: maximumSources)
    }
    let allTerms = Array(0..<p)
    let conserved = balance.passingCount(over: allTerms)
    var found = [Candidate]()
    // The two halves' models, built once, when the first pair needs them.
    var halves: HeldOutHalves??
    for size in 1...maximumSources {
      var source = Array(0..<size)
      repeat {
        guard balance.passingCount(over: allTerms + source.map { p + $0 }) > conserved,
          let quantities = sparsestQuantities(
            for: source, termCount: p, balance: balance, limit: maximumTerms),
          quantities[0].count > 1
        else { continue }
        for t in quantities {
          let known = t.compactMap { own[$0] }
          let union = known.reduce(Set<Int>()) { $0.union($1) }
          if var candidate = pair(
            t, source, data: data, balance: balance, integrals: integrals, halves: &halves)
          {
            candidate.separate = known.count == t.count ? union.count : nil
            found.append(candidate)
          }
        }
      } while SparseSupportSearch.advance(&source, limit: q)
    }
    let selected = BalanceLawSelection(hasConservationLaws: conservationLaws > 0).select(found)
    return (selected, maximumSources, maximumTerms)
  }

  /// Whether the pair on (terms, source) passes: its smallest λ is below the threshold
  /// and not below −(threshold − 1): M is a Gram matrix, so a λ that negative is round-off
  /// in a direction where B is nearly singular (exact data), not a law.
  static func passes(_ terms: [Int], _ source: [Int], _ balance: BalanceModel) -> Bool {
    guard let best = balance.smallest(over: terms + source.map { balance.termCount + $0 }) else {
      return false
    }
    return best.ratio < balance.threshold && best.ratio > 1 - balance.threshold
  }

  /// Whether the pair passes and fails without any one of its terms or sources.
  static func minimal(_ terms: [Int], _ source: [Int], _ balance: BalanceModel) -> Bool {
    guard passes(terms, source, balance) else { return false }
    for drop in terms.indices {
      let fewer = terms.enumerated().filter { $0.offset != drop }.map(\.element)
      if passes(fewer, source, balance) { return false }
    }
    for drop in source.indices {
      let fewer = source.enumerated().filter { $0.offset != drop }.map(\.element)
      if passes(terms, fewer, balance) { return false }
    }
    return true
  }

  /// The smallest source support with which `terms` balance minimally, as a set.
  private func sparsestSource(for terms: [Int], sourceCount q: Int, balance: BalanceModel, limit: Int)
    -> Set<Int>?
  {
    for size in 1...limit {
      var source = Array(0..<size)
      repeat {
        if Self.minimal(terms, source, balance) { return Set(source) }
      } while SparseSupportSearch.advance(&source, limit: q)
    }
    return nil
  }

  /// The quantity supports of the fewest terms that balance minimally with `source`.
  private func sparsestQuantities(for source: [Int], termCount p: Int, balance: BalanceModel, limit: Int)
    -> [[Int]]?
  {
    for size in 1...limit {
      var terms = Array(0..<size)
      var found = [[Int]]()
      repeat {
        if Self.minimal(terms, source, balance) { found.append(terms) }
      } while SparseSupportSearch.advance(&terms, limit: p)
      if !found.isEmpty { return found }
    }
    return nil
  }

  /// The pair on (terms, source) over the whole libraries, with its held-out ratio and
  /// its source's sign counts; nil when C − ∫s drifts or the pair fails on the held-out half.
  private func pair(
    _ terms: [Int], _ source: [Int], data: PreparedData, balance: BalanceModel, integrals: SourceIntegrals,
    halves: inout HeldOutHalves??
  ) -> Candidate? {
    let p = balance.termCount
    let joint = terms + source.map { p + $0 }
    guard var best = balance.smallest(over: joint) else { return nil }
    // Simple numbers where the data accept them (`CoefficientRounding`, as for laws).
    let (m, b) = balance.restricted(to: joint)
    let unscaled =
      terms.map { 1 / data.scales[data.active[$0]] } + source.map { 1 / balance.sourceScales[$0] }
    var rounding = CoefficientRounding()
    rounding.referencePositions = Set(terms.indices)
    // A source's rate is no fraction of small denominator (friction 0.2 against ½ q²
    // is 2/5), so only numbers within one deviation of the fit: with the default 3.09,
    // −3/8 in place of −2/5 (6 % off) passed at σ = 0.1 on 2 of 10 seeds.
    rounding.quantile = 1
    let rounded = rounding.rounded(best.vector, m: m, b: b, unscaled: unscaled, dof: balance.dof)
    if let rounded { best = (DiscoveryAlgebra.rayleigh(rounded, m, b), rounded) }
    var quantity = [Double](repeating: 0, count: data.termCount)
    var rates = [Double](repeating: 0, count: integrals.termCount)
    for (k, a) in terms.enumerated() {
      quantity[data.active[a]] = best.vector[k] / data.scales[data.active[a]]
    }
    for (k, s) in source.enumerated() {
      rates[balance.sources[s]] = best.vector[terms.count + k] / balance.sourceScales[s]
    }
    // A pair that holds only approximately leaves a misfit smooth in time, which λ
    // cannot tell from noise when it is small: C − ∫s along each trajectory must not
    // drift (`DriftTest`, the conservation laws' test).
    let quantityValues = DiscoveryAlgebra.values(of: quantity, theta: data.theta, terms: data.termCount)
    let integralValues = DiscoveryAlgebra.values(
      of: rates, theta: integrals.integrals, terms: integrals.termCount)
    let residual = zip(quantityValues, integralValues).map { $0 - $1 }
    // (Exact data: the integrator's error is smooth and no noise hides it; λ decides.)
    if data.isNoisy, let drift = DriftTest().statistic(residual, kept: data.kept, layout: data.layout),
      drift > significance
    {
      return nil
    }
    if halves == nil { halves = .some(heldOutHalves(data, sources: integrals.library)) }
    let heldOut = halves!.flatMap { heldOutRatio(terms, source.map { balance.sources[$0] }, halves: $0) }
    if let heldOut, !(heldOut.ratio < heldOut.threshold) { return nil }
    let values = integrals.sourceValues(rates)
    let deviations = integrals.sourceNoise(rates, sigma: data.sigma)
    let kept = data.keptPoints
    let above = kept.filter { values[$0] > signSignificance * deviations[$0] }.count
    let below = kept.filter { values[$0] < -signSignificance * deviations[$0] }.count
    return Candidate(
      terms: terms, sourceTerms: source, quantity: quantity, source: rates, ratio: best.ratio,
      rounded: rounded != nil, heldOut: heldOut?.ratio, above: above, below: below,
      points: kept.count, separate: nil)
  }

  /// The balance models of the even-numbered trajectories (fit) and the odd-numbered
  /// ones (test).
  typealias HeldOutHalves = (fit: BalanceModel, test: BalanceModel)

  /// The two halves' models; nil with fewer than 4 trajectories or too few points in a half.
  private func heldOutHalves(_ data: PreparedData, sources: any FeatureLibrary) -> HeldOutHalves? {
    guard data.trajectoryCount >= 4 else { return nil }
    let models = [0, 1].map { first -> BalanceModel? in
      let part = data.selecting(trajectories: Array(stride(from: first, to: data.trajectoryCount, by: 2)))
      guard let model = try? NoiseModel(part, significance: significance) else { return nil }
      return BalanceModel(part, model: model, integrals: SourceIntegrals(part, library: sources))
    }
    guard let fit = models[0], let test = models[1] else { return nil }
    return (fit, test)
  }

  /// The pair fitted on the fit half, its λ on the test half and that half's threshold.
  private func heldOutRatio(_ terms: [Int], _ sourceTerms: [Int], halves: HeldOutHalves)
    -> (ratio: Double, threshold: Double)?
  {
    let (fit, test) = halves
    let joint = { (model: BalanceModel) -> [Int]? in
      let s = sourceTerms.compactMap { model.sources.firstIndex(of: $0) }
      return s.count == sourceTerms.count ? terms + s.map { model.termCount + $0 } : nil
    }
    guard let fitted = joint(fit), let tested = joint(test), let best = fit.smallest(over: fitted) else {
      return nil
    }
    // The integral columns are scaled by each half's own spread: carry b, not b/s.
    var vector = best.vector
    for (k, l) in sourceTerms.enumerated() {
      let (f, t) = (fit.sources.firstIndex(of: l)!, test.sources.firstIndex(of: l)!)
      vector[terms.count + k] *= test.sourceScales[t] / fit.sourceScales[f]
    }
    return (test.ratio(of: vector, over: tested), test.threshold)
  }
}
