import CBLAS
import NoetherCore
import NoetherLearning
import SINDy

/// Finds every conserved quantity in the span of a feature library, as formulas.
///
/// An invariant is a combination c of library terms Θ whose value does not change
/// along any trajectory: Θ(x(tᵢ))·c − mean over the trajectory = 0. With R the rows
/// Θ(x(tᵢ)) minus their trajectory's mean, M = RᵀR measures how much Θ·c changes; with
/// noise σ on the states, B = σ²(1 − 1/T) Σᵢ Jᵢ Jᵢᵀ (Jᵢ = ∂Θ/∂x at each point) is what
/// the noise alone contributes. The generalised eigenproblem M c = λ B c then has
/// λ ≈ 1 exactly for the conserved directions (their change is pure noise) and λ ≫ 1
/// for the others, so the threshold follows from the noise level: λ < 1 + z·√(2/dof)
/// with dof = N(T − 1) (docs/PROTOCOL.md, "Discovery"; measured in DESIGN.md). For noisy
/// data B is second order (`NoiseCurvature`: the gradients, taken at the noisy states,
/// overstate a combination's noise by ½σ⁴‖Hc‖²), and every support of up to three terms
/// is also tried on its own (`SparseSupportSearch`), where at high noise the conserved
/// space holds only mixtures of laws whose noise is correlated (Kepler's E and L at σ = 0.1).
///
/// Within the conserved space only the directions the data excite count: with G the
/// terms' second moments about zero, those with cᵀGc ≥ `excitation`·cᵀBc (the values
/// carry at least as much signal as noise); the others are noise everywhere (the heat
/// equation's fast modes, decayed before the first sample) and are counted, not listed.
/// As c plus such a direction fits the data as well as c, each is taken in the excited
/// span (the B-orthogonal projection onto the eigenvectors of G v = μ B v with μ at or
/// above the threshold): Σ U, not Σ U plus noise modes.
///
/// The space found is then made readable: a reduced row-echelon basis in library order
/// (each invariant has a leading term the others lack, so Kepler's E and L come out as
/// two formulas, not mixtures), each made sparse by sequential thresholding within the
/// conserved space (drop terms below `sparsity` of the largest, refit the smallest
/// eigenvector on the remaining terms, keep it only while it stays conserved), then its
/// coefficients refined for noise that differs from point to point (`WeightedRefinement`:
/// each point weighed by the inverse of its own noise, the maximum-likelihood weighting)
/// and rounded to the simplest numbers the data accept and resolve (`CoefficientRounding`:
/// 0.5 vx² + 0.5 vy² − 1/r, not 0.499 vx² + 0.498 vy² − 0.999/r).
/// Combinations that are polynomials in invariants found before (H² when H is known)
/// are left out, and the number of functionally independent invariants is the rank of
/// their gradients. A library whose span holds no invariant gives none.
public struct InvariantDiscovery: Sendable {
  public var library: any FeatureLibrary
  /// The library's spec (`poly3+central`), kept with the formulas.
  public var librarySpec: String
  /// z: how many standard deviations of λ above 1 still count as conserved.
  public var significance = 6.0
  /// Terms whose scaled coefficient is below this share of the largest are dropped (0.1:
  /// at 0.02, Kepler's 50 training trajectories of seeds 2025 and 2028 kept noise terms
  /// such as x, y, vx, vy in the energy; the reference seed's figures are the same).
  public var sparsity = 0.1
  /// A column whose entries in the estimated conserved space stay below this share of
  /// the largest (scaled) entry leads no invariant: such entries are the noise in the
  /// estimate, not a term of a law.
  public var pivotTolerance = 0.05
  /// Points where σ·‖∇θⱼ‖ exceeds this share of term j's spread are left out: there
  /// the noise's effect on θⱼ is far from linear (1/r near r = 0); noisy data's terms of
  /// degree ≤ 2 excepted (their second-order noise model is exact).
  public var noiseSensitivity = 1.0
  /// Singular values of the unit gradients below this share of the largest do not count
  /// towards the rank (the formulas' coefficients carry the noise's error, so an exact
  /// dependence such as A_x² + A_y² = 1 + 2EL² holds only to about that).
  public var rankTolerance = 0.03
  /// A candidate whose R² on polynomials (degree ≤ 3) of the invariants before it reaches
  /// this is a function of them.
  public var dependenceR2 = 1 - 1e-6
  /// A conserved direction counts only where its values' second moment about zero is at
  /// least this multiple of the noise's contribution (2: the values carry at least as much
  /// signal as noise); below it the data never excite it (the heat equation's fast modes).
  public var excitation = 2.0

  public init(library: any FeatureLibrary, librarySpec: String) {
    self.library = library
    self.librarySpec = librarySpec
  }

  /// The invariants of the trajectories in `data` (every split).
  /// - Parameters:
  ///   - data: the trajectories (states and times; the derivatives are not used).
  ///   - stateNames: one name per state component, for the formulas.
  ///   - noise: σ of the noise on the states (0 for exact data).
  ///   - knownInvariants: a system's known invariants, to name and scale what is found.
  /// - Throws: `NoetherError` for too little data or library terms that are not finite.
  public func discover(
    _ data: TrajectorySet, stateNames: [String], noise: Double, knownInvariants: [KnownInvariant] = []
  ) throws -> DiscoveryResult {
    let (count, steps, n) = (data.trajectoryCount, data.pointCount, data.dimension)
    guard count >= 1, steps >= 3 else {
      throw NoetherError.invalidParameter(
        name: "data", value: "\(count) trajectories of \(steps) points",
        requirement: "needs at least 3 points per trajectory")
    }
    guard noise >= 0, noise.isFinite else {
      throw NoetherError.invalidParameter(
        name: "noise", value: "\(noise)", requirement: "must be a finite number ≥ 0")
    }
    let states = StateBatch(count: count * steps, dimension: n, values: data.states)
    let names = library.featureNames(stateNames: stateNames)
    let pAll = names.count
    let theta = library.features(states)
    if let bad = theta.firstIndex(where: { !$0.isFinite }) {
      throw NoetherError.invalidParameter(
        name: "library term", value: "'\(names[bad % pAll])'",
        requirement:
          "is not finite at state \(bad / pAll) of the data (ln of a value ≤ 0, or 1/r at r = 0); choose another library"
      )
    }
    // Scales: each term's spread along the data; constant terms leave.
    var scales = [Double](repeating: 0, count: pAll)
    for j in 0..<pAll {
      var sum = 0.0
      var sum2 = 0.0
      for i in 0..<(count * steps) {
        sum += theta[i * pAll + j]
        sum2 += theta[i * pAll + j] * theta[i * pAll + j]
      }
      let mean = sum / Double(count * steps)
      scales[j] = max(sum2 / Double(count * steps) - mean * mean, 0).squareRoot()
      if scales[j] <= 1e-12 * max(abs(mean), 1e-300) { scales[j] = 0 }
    }
    let active = (0..<pAll).filter { scales[$0] > 0 }
    let constantTerms = (0..<pAll).filter { scales[$0] == 0 }.map { names[$0] }
    let p = active.count
    guard p > 0 else {
      throw NoetherError.invalidParameter(
        name: "library", value: "'\(librarySpec)'", requirement: "has no term that varies along the data")
    }
    let rms = (data.states.reduce(0) { $0 + $1 * $1 } / Double(max(data.states.count, 1))).squareRoot()
    let sigma = max(noise, 1e-6 * max(rms, 1e-300))
    // Points where the noise's first-order effect on some term is large against that
    // term's spread (1/r near r = 0 at high noise) break the linear noise model: leave
    // them out; and (noisy data) points where the second-order effect ½σ⁴‖∇²θⱼ‖² of a term
    // that is no polynomial of degree ≤ 3 exceeds both the first-order σ²‖∇θⱼ‖² and (10 %
    // of the spread)² — there the expansion in σ does not converge (1/r below r ≈ 1.6σ; a
    // polynomial's ends at the third order: the rigid body's w³ at σ = 0.3 would lose all
    // but 76 of 2,500 points). Terms of degree ≤ 2 are exempt from both: their second-order
    // noise model is exact (the SIR model at σ = 0.1 kept 910 of 2,500 points before, and
    // its noise ratios were biased). The Jacobians are taken in chunks of points (they
    // hold p·n values each).
    let chunk = 256
    var kept = [Bool](repeating: true, count: count * steps)
    let quadratic =
      noise > 0
      ? NoiseCurvature.atMostQuadratic(library, states: states) : [Bool](repeating: false, count: pAll)
    let cubic =
      noise > 0
      ? NoiseCurvature.atMostCubic(library, states: states) : [Bool](repeating: false, count: pAll)
    let hessians =
      noise > 0 && active.contains(where: { !cubic[$0] })
      ? NoiseCurvature.hessianNorms(library: library, states: states) : nil
    let sigma2 = sigma * sigma
    for start in stride(from: 0, to: count * steps, by: chunk) {
      let end = min(start + chunk, count * steps)
      let jacobian = library.featureGradients(Self.rows(states, start..<end))
      for i in start..<end {
        for j in active {
          var norm = 0.0
          for d in 0..<n {
            norm += jacobian[((i - start) * pAll + j) * n + d] * jacobian[((i - start) * pAll + j) * n + d]
          }
          let second = hessians.map { 0.5 * sigma2 * sigma2 * $0[i * pAll + j] } ?? 0
          if !quadratic[j]
            && (sigma * norm.squareRoot() > noiseSensitivity * scales[j]
              || (!cubic[j] && second > sigma2 * norm && second > 0.01 * scales[j] * scales[j]))
          {
            kept[i] = false
            break
          }
        }
      }
    }
    // From here on each term is scaled by its spread over the kept points: the points left
    // out (1/r near r = 0) would otherwise set it, and with it what counts as a small
    // coefficient (Kepler at σ = 0.1: 1/r's spread over all points is 4 times that over
    // the kept ones, enough to put E's v² terms below the sparsity threshold).
    if kept.contains(false) {
      let used = (0..<(count * steps)).filter { kept[$0] }
      for j in active {
        let mean = used.reduce(0.0) { $0 + theta[$1 * pAll + j] } / Double(max(used.count, 1))
        let spread = used.reduce(0.0) { $0 + (theta[$1 * pAll + j] - mean) * (theta[$1 * pAll + j] - mean) }
        let scale = (spread / Double(max(used.count, 1))).squareRoot()
        if scale > 0 { scales[j] = scale }
      }
    }
    // R: scaled terms minus their trajectory means over the kept points; B accumulates
    // σ²(1 − 1/Tₜ) Jᵢ Jᵢᵀ over the kept points (scaled terms).
    var r = [Double](repeating: 0, count: count * steps * p)
    var weights = [Double](repeating: 0, count: count * steps)
    var dof = 0
    for t in 0..<count {
      let points = (0..<steps).map { t * steps + $0 }.filter { kept[$0] }
      guard points.count >= 2 else { continue }
      dof += points.count - 1
      for i in points { weights[i] = (1 - 1 / Double(points.count)).squareRoot() }
      for (c, j) in active.enumerated() {
        let mean = points.reduce(0.0) { $0 + theta[$1 * pAll + j] } / Double(points.count)
        for i in points { r[i * p + c] = (theta[i * pAll + j] - mean) / scales[j] }
      }
    }
    guard dof >= p else {
      throw NoetherError.invalidParameter(
        name: "data", value: "\(dof) usable differences for \(p) library terms",
        requirement:
          "needs more points than terms (the noise σ = \(noise) may be too large for this library near its singular points)"
      )
    }
    var b = [Double](repeating: 0, count: p * p)
    for start in stride(from: 0, to: count * steps, by: chunk) {
      let end = min(start + chunk, count * steps)
      let jacobian = library.featureGradients(Self.rows(states, start..<end))
      var h = [Double](repeating: 0, count: (end - start) * n * p)
      for i in start..<end where weights[i] > 0 {
        for (c, j) in active.enumerated() {
          for d in 0..<n {
            h[((i - start) * n + d) * p + c] =
              weights[i] * jacobian[((i - start) * pAll + j) * n + d] / scales[j]
          }
        }
      }
      Self.accumulateGram(h, rows: (end - start) * n, columns: p, into: &b)
    }
    for k in b.indices { b[k] *= sigma * sigma }
    let threshold = 1 + significance * (2 / Double(dof)).squareRoot()
    let m = Self.gram(r, rows: count * steps, columns: p)
    // Noisy data: gradients taken at the noisy states overstate the noise of combinations
    // whose gradients cancel by ½σ⁴‖Hc‖² (`NoiseCurvature`); that is taken off, unless it
    // leaves B without a positive definite form (then the first-order model stays).
    if noise > 0,
      let curvature = NoiseCurvature.gram(
        library: library, states: states, weights: weights, active: active, scales: scales,
        uniform: active.allSatisfy { quadratic[$0] })
    {
      let second = zip(b, curvature).map { $0 - 0.5 * sigma * sigma * sigma * sigma * $1 }
      if (try? SymmetricEigen.generalized(m, second, size: p)) != nil { b = second }
    }
    let (lambda, _) = try SymmetricEigen.generalized(m, b, size: p)
    let conserved = lambda.prefix { $0 < threshold }.count
    // Degree by degree (terms of degree ≤ D, D = 1, 2, …): what a lower degree already
    // explains is found first, in its simplest form, and later copies are functions of it.
    let degrees = active.map { Self.degree(of: names[$0]) }
    var candidates = [(coefficients: [Double], lambda: Double)]()
    // Second moments about zero of the scaled terms over the kept points: a combination
    // whose values stay within the noise everywhere (not only along each trajectory) is
    // a direction the data do not excite, not a law.
    var scaledTerms = [Double](repeating: 0, count: count * steps * p)
    for i in 0..<(count * steps) where weights[i] > 0 {
      for (c, j) in active.enumerated() { scaledTerms[i * p + c] = theta[i * pAll + j] / scales[j] }
    }
    let moments = Self.gram(scaledTerms, rows: count * steps, columns: p)
    var unexcited = 0
    for degree in Set(degrees).sorted() where conserved > 0 {
      let subset = (0..<p).filter { degrees[$0] <= degree }
      let found = try conservedCandidates(
        subset, m: m, b: b, moments: moments, size: p, threshold: threshold)
      candidates += found.candidates
      unexcited = max(unexcited, found.unexcited)
    }
    // Noisy data: laws of up to three terms, support by support (`SparseSupportSearch`),
    // first — where the space above blurs, its formulas are mixtures of them (Kepler's E
    // and L at σ = 0.1) — then the formulas above that they do not already hold.
    // Not when most of the library passes as conserved: such data tell little apart (the SIR
    // model at σ = 0.1, 8 of 9 directions), and a search among them finds what the noise
    // leaves unresolved (S + 0.67 R).
    let search = SparseSupportSearch()
    if noise > 0, 2 * conserved <= p, search.fits(terms: p) {
      let statistics = SparseSupportSearch.Statistics(
        rows: r, terms: scaledTerms, weights: weights, steps: steps, dof: dof, variation: m, noise: b,
        significance: significance, sparsity: sparsity)
      let sparse = search.search(statistics, size: p, threshold: threshold)
      let laws = sparse.map(\.coefficients)
      // A formula of the space joins them when it is not within their span and what it adds
      // to them is itself conserved and excited (not E + κL, nor a law plus a combination
      // that nearly vanishes on the data, such as Kepler's y + 1.3 vx − 2.3 y/r at σ = 0.1).
      candidates =
        sparse
        + candidates.filter {
          let rest = CoefficientSpan.remainder($0.coefficients, after: laws, b: b)
          return !CoefficientSpan.holds(laws, $0.coefficients) && Self.rayleigh(rest, m, b) < threshold
            && Self.rayleigh(rest, moments, b) >= max(threshold, excitation)
        }
    }
    // Back to unscaled coefficients over the whole library, each refined for noise that
    // differs from point to point while it stays conserved (in the unweighted test or the
    // weighted one it is fitted in), then rounded where the data accept it.
    let refinement = WeightedRefinement(library: library)
    let varianceFactors = weights.map { $0 * $0 }
    let rounding = CoefficientRounding()
    let unscaled = active.map { 1 / scales[$0] }
    let forms = candidates.map { candidate -> (coefficients: [Double], rounded: Bool, lambda: Double) in
      var c = [Double](repeating: 0, count: pAll)
      for (k, j) in active.enumerated() { c[j] = candidate.coefficients[k] / scales[j] }
      // Weighted, a term can fall below the sparsity threshold (the pendulum's cos p beside
      // p² at σ = 0.1): it is dropped and the rest refined again.
      var refined = c
      var weighted = WeightedRefinement.Fit(coefficients: c, noiseRatio: .nan, dof: 0)
      for _ in 0..<3 {
        weighted = refinement.refine(
          refined, theta: theta, states: states, varianceFactors: varianceFactors, steps: steps, sigma: sigma)
        refined = weighted.coefficients
        let largest = active.map { abs(refined[$0]) * scales[$0] }.max() ?? 0
        let small = active.filter { refined[$0] != 0 && abs(refined[$0]) * scales[$0] < sparsity * largest }
        guard !small.isEmpty else { break }
        for j in small { refined[j] = 0 }
        weighted.noiseRatio = .nan  // the weighted test was of the formula before the drop
      }
      let scaled = active.map { refined[$0] * scales[$0] }
      let refinedLambda = Self.rayleigh(scaled, m, b)
      // Kept when it passes the unweighted test, or the weighted one it was fitted in (the
      // unweighted one is dominated by the noisiest points: Kepler's energy from one half
      // of seed 2034's data, 0.5 vx² + 0.5 vy² − 1.002/r refined, has λ 1.137 unweighted
      // against a threshold of 1.121, the unrefined 0.5 vx² + 0.49 vy² − 0.93/r 1.112).
      let weightedThreshold = 1 + significance * (2 / max(weighted.dof, 1)).squareRoot()
      let keep = refinedLambda < threshold || weighted.noiseRatio < weightedThreshold
      let fitted = keep ? refined : c
      let fittedLambda = keep ? refinedLambda : candidate.lambda
      // The simplest coefficients the data cannot tell from the fit's (0.5 vx², not 0.499 vx²);
      // when the refined fit's cannot be rounded, the unrefined one's may (the minimiser of
      // the unweighted λ the test uses: Kepler's energy at σ = 0.1 on seed 2031, refined
      // to 1/r : v² = 2.8, unrefined 2.1, rounds to 2 from the latter).
      guard
        let simple = rounding.rounded(
          active.map { fitted[$0] * scales[$0] }, m: m, b: b, unscaled: unscaled, dof: dof)
          ?? (keep
            ? rounding.rounded(active.map { c[$0] * scales[$0] }, m: m, b: b, unscaled: unscaled, dof: dof)
            : nil)
      else { return (fitted, false, fittedLambda) }
      var out = [Double](repeating: 0, count: pAll)
      for (k, j) in active.enumerated() { out[j] = simple[k] / scales[j] }
      return (out, true, Self.rayleigh(simple, m, b))
    }
    let full = forms.map(\.coefficients)
    var accepted = [Int]()
    var drifts = [Double]()
    var drifting = 0
    let driftTest = DriftTest()
    var dependent = [String]()
    var acceptedValues = [[Double]]()
    var acceptedScaled = [[Double]]()  // their scaled coefficients over the active terms
    var anyUniform = false
    var vanishing = 0
    // Formulas with rounded coefficients first (of a law found twice, the rigid body's
    // w2² + 3 w3² and the fitted w2² + 3.2 w3², the rounded one is kept), then the simplest:
    // lowest degree, fewest terms, library order (Kepler's E before the Runge–Lenz
    // components, which with L also determine it).
    let order = full.indices.map { k -> [Int] in
      let terms = (0..<pAll).filter { full[k][$0] != 0 }
      return [
        forms[k].rounded ? 0 : 1, terms.map { Self.degree(of: names[$0]) }.max() ?? 0, terms.count,
        terms.first ?? 0, k,
      ]
    }
    for k in full.indices.sorted(by: { order[$0].lexicographicallyPrecedes(order[$1]) }) {
      let c = full[k]
      let values = Self.values(of: c, theta: theta, terms: pAll)
      // One value on every trajectory: on this data it cannot be told apart from any
      // other such invariant (S·(S + I + R − 1) vanishes wherever S + I + R = 1).
      // Noisy data: the means differ across trajectories no more than their noise (an
      // analysis of variance); exact data: the spread within trajectories is at least
      // half the spread across them (the integrator's error against one value).
      let uniform =
        noise > 0
        ? TrajectoryMeans.shareOneValue(values, kept: kept, steps: steps, significance: significance)
        : Self.spread(values, trajectories: count, steps: steps) >= 0.5
      // Near zero everywhere against its terms' sizes: a direction the data do not excite
      // (the heat equation's fastest modes, S·(S + I + R − 1)), not a law.
      if Self.vanishes(values, c, theta: theta, terms: pAll) {
        vanishing += 1
        continue
      }
      // A slow drift in time that the noise ratio cannot see (noisy data only: exact data
      // carry the integrator's smooth error, far below the noise floor σ = 1e-6·rms).
      let drift = noise > 0 ? driftTest.statistic(values, kept: kept, steps: steps) ?? .nan : .nan
      if drift > significance {
        drifting += 1
        continue
      }
      // Noisy data: also a combination within 10 % of the span of those accepted (the
      // rigid body's w2² + 3.2 w3² beside w1² + w2² and w1² − 3 w3², fitted, not rounded).
      let scaled = active.map { c[$0] * scales[$0] }
      if (uniform && anyUniform)
        || (!acceptedValues.isEmpty && Self.fitOnPolynomials(values, of: acceptedValues) >= dependenceR2)
        || (noise > 0 && CoefficientSpan.holds(acceptedScaled, scaled))
      {
        // A restatement (a multiple of one found before, found again at a higher degree) is not listed.
        let restated = acceptedValues.contains {
          ((try? coefficientOfDetermination(target: values, features: $0, featureCount: 1)) ?? 0)
            >= dependenceR2
        }
        if !restated { dependent.append(FormulaText.sum(c, terms: names, digits: 3)) }
        continue
      }
      anyUniform = anyUniform || uniform
      accepted.append(k)
      acceptedScaled.append(scaled)
      drifts.append(drift)
      acceptedValues.append(values)
    }
    // Names and scales: a known invariant the formula explains gives its name and scale.
    var invariantNames = [String]()
    var coefficients = [Double]()
    for (position, k) in accepted.enumerated() {
      var c = full[k]
      var name = "I\(position + 1)"
      if let (known, scale) = Self.match(acceptedValues[position], knownInvariants, states: states) {
        name = known
        c = c.map { $0 * scale }
      } else if let first = c.firstIndex(where: { $0 != 0 }) {
        let scale = 1 / c[first]
        c = c.map { $0 * scale }
      }
      invariantNames.append(name)
      coefficients += c
    }
    let found = SymbolicInvariant(
      library: library, librarySpec: librarySpec, stateNames: stateNames, names: invariantNames,
      coefficients: coefficients)
    return DiscoveryResult(
      invariants: found,
      independentCount: Self.independentCount(found, states: states, rankTolerance: rankTolerance),
      noiseRatios: accepted.map { forms[$0].lambda }, rounded: accepted.map { forms[$0].rounded },
      spreads: accepted.indices.map { Self.spread(acceptedValues[$0], trajectories: count, steps: steps) },
      drifts: drifts, drifting: drifting,
      keptPoints: kept.filter { $0 }.count, vanishing: vanishing + unexcited,
      spectrum: Array(lambda.prefix(conserved + 3)), threshold: threshold, noise: noise, dependent: dependent,
      constantTerms: constantTerms)
  }

  /// The sparse conserved combinations of the (scaled) terms in `subset`, simplest first,
  /// as coefficient vectors over all p terms.
  private func conservedCandidates(
    _ subset: [Int], m: [Double], b: [Double], moments: [Double], size p: Int, threshold: Double
  ) throws -> (candidates: [(coefficients: [Double], lambda: Double)], unexcited: Int) {
    let q = subset.count
    let ms = subset.flatMap { i in subset.map { m[i * p + $0] } }
    let bs = subset.flatMap { i in subset.map { b[i * p + $0] } }
    let (lambda, vectors) = try SymmetricEigen.generalized(ms, bs, size: q)
    let conserved = lambda.prefix { $0 < threshold }.count
    var basis = (0..<conserved).map { k in (0..<q).map { vectors[$0 * q + k] } }
    // Within the conserved space, keep the directions the data excite: those whose second
    // moment about zero is at least `excitation` times what the noise alone gives.
    let gs = subset.flatMap { i in subset.map { moments[i * p + $0] } }
    let excited = try Self.excitedDirections(
      basis, moments: gs, noise: bs, size: q, threshold: max(threshold, excitation))
    let unexcited = basis.count - excited.count
    basis = excited
    let pivots = Self.reduceToEchelonForm(&basis, tolerance: pivotTolerance)
    var found = [(coefficients: [Double], lambda: Double)]()
    for (k, row) in basis.enumerated() {
      let others = Set(pivots.enumerated().filter { $0.offset != k }.map(\.element))
      guard
        let sparse = try sparsified(
          row, pivot: pivots[k], excluding: others, m: ms, b: bs, threshold: threshold)
      else { continue }
      var full = [Double](repeating: 0, count: p)
      for (k, j) in subset.enumerated() { full[j] = sparse.coefficients[k] }
      found.append((full, sparse.lambda))
    }
    // Simplest first: fewest terms, then library order of the leading term.
    let sorted = found.sorted { a, b in
      let (na, nb) = (a.coefficients.filter { $0 != 0 }.count, b.coefficients.filter { $0 != 0 }.count)
      return na != nb
        ? na < nb
        : (a.coefficients.firstIndex { $0 != 0 } ?? 0) < (b.coefficients.firstIndex { $0 != 0 } ?? 0)
    }
    return (sorted, unexcited)
  }

  /// The combinations of `basis` rows whose second moment about zero, cᵀGc, reaches
  /// `threshold` times their noise, cᵀBc (the generalised eigenproblem of G and B
  /// restricted to the basis' span; the rest is noise everywhere, a direction the data
  /// never excite, such as the heat equation's fastest modes), each projected
  /// B-orthogonally onto the library's excited span (below).
  static func excitedDirections(
    _ basis: [[Double]], moments g: [Double], noise b: [Double], size q: Int, threshold: Double
  ) throws -> [[Double]] {
    let k = basis.count
    guard k > 0 else { return [] }
    var gk = [Double](repeating: 0, count: k * k)
    var bk = [Double](repeating: 0, count: k * k)
    for a in 0..<k {
      for c in 0..<k {
        var (sg, sb) = (0.0, 0.0)
        for i in 0..<q {
          var (rowG, rowB) = (0.0, 0.0)
          for j in 0..<q {
            rowG += g[i * q + j] * basis[c][j]
            rowB += b[i * q + j] * basis[c][j]
          }
          sg += basis[a][i] * rowG
          sb += basis[a][i] * rowB
        }
        gk[a * k + c] = sg
        bk[a * k + c] = sb
      }
    }
    let (mu, w) = try SymmetricEigen.generalized(gk, bk, size: k)
    let excited = (0..<k).filter { mu[$0] >= threshold }.map { e in
      (0..<q).map { j in (0..<k).reduce(0.0) { $0 + basis[$1][j] * w[$1 * k + e] } }
    }
    // The data cannot tell c from c plus a direction they never excite (anywhere in the
    // library, conserved or not): keep the representative in the excited span, the
    // B-orthogonal projection onto the eigenvectors of G v = μ B v with μ ≥ threshold.
    let (muAll, vAll) = try SymmetricEigen.generalized(g, b, size: q)
    let span = (0..<q).filter { muAll[$0] >= threshold }
    guard span.count < q else { return excited }
    return excited.map { c in
      let bc = (0..<q).map { i in (0..<q).reduce(0.0) { $0 + b[i * q + $1] * c[$1] } }
      var out = [Double](repeating: 0, count: q)
      for e in span {
        let weight = (0..<q).reduce(0.0) { $0 + vAll[$1 * q + e] * bc[$1] }
        for j in 0..<q { out[j] += weight * vAll[j * q + e] }
      }
      return out
    }
  }

  /// A term's degree from its name: the sum of the powers of its factors (`x y^2` is 3);
  /// any other factor (`1/r`, `cos(q)`) counts 1.
  static func degree(of term: String) -> Int {
    term.split(separator: " ").reduce(0) { total, factor in
      if let caret = factor.firstIndex(of: "^"), let power = Int(factor[factor.index(after: caret)...]) {
        return total + power
      }
      return total + 1
    }
  }

  /// Sequential thresholding within the conserved space: drop small scaled terms (never
  /// the pivot; never another invariant's pivot), refit the smallest eigenvector on the
  /// rest, stop when the support is stable or the refit would no longer be conserved.
  /// Scaled so that the pivot's coefficient is 1; nil when not even the dense row is conserved.
  private func sparsified(
    _ row: [Double], pivot: Int, excluding others: Set<Int>, m: [Double], b: [Double], threshold: Double
  ) throws -> (coefficients: [Double], lambda: Double)? {
    let p = row.count
    var current = row
    var lambda = Self.rayleigh(row, m, b)
    guard lambda.isFinite else { return nil }
    for _ in 0..<10 {
      let largest = current.map(abs).max() ?? 0
      let support = (0..<p).filter {
        !others.contains($0) && ($0 == pivot || abs(current[$0]) >= sparsity * largest)
      }
      guard support.count < current.filter({ $0 != 0 }).count else { break }
      let ms = support.flatMap { i in support.map { m[i * p + $0] } }
      let bs = support.flatMap { i in support.map { b[i * p + $0] } }
      guard let (values, vectors) = try? SymmetricEigen.generalized(ms, bs, size: support.count),
        values[0] < threshold
      else { break }
      var next = [Double](repeating: 0, count: p)
      for (k, j) in support.enumerated() { next[j] = vectors[k * support.count] }
      guard next[pivot] != 0 else { break }
      current = next.map { $0 / next[pivot] }
      lambda = values[0]
    }
    return lambda < threshold ? (current, lambda) : nil
  }

  static func rayleigh(_ c: [Double], _ m: [Double], _ b: [Double]) -> Double {
    let all = Array(c.indices)
    return quadraticForm(c, m, over: all) / quadraticForm(c, b, over: all)
  }

  /// cᵀ X c over the terms in `support` (X row-major, c.count²).
  static func quadraticForm(_ c: [Double], _ x: [Double], over support: [Int]) -> Double {
    let p = c.count
    var sum = 0.0
    for i in support { for j in support { sum += c[i] * x[i * p + j] * c[j] } }
    return sum
  }

  /// The states at `range`.
  static func rows(_ states: StateBatch, _ range: Range<Int>) -> StateBatch {
    let n = states.dimension
    return StateBatch(
      count: range.count, dimension: n,
      values: Array(states.values[(range.lowerBound * n)..<(range.upperBound * n)]))
  }

  /// into += AᵀA (BLAS `dsyrk` on the upper triangle, then mirrored).
  static func accumulateGram(_ a: [Double], rows: Int, columns p: Int, into out: inout [Double]) {
    let part = gram(a, rows: rows, columns: p)
    for k in out.indices { out[k] += part[k] }
  }

  /// AᵀA for a row-major rows × columns matrix (BLAS `dsyrk`, filled symmetric).
  static func gram(_ a: [Double], rows: Int, columns p: Int) -> [Double] {
    var out = [Double](repeating: 0, count: p * p)
    cblas_dsyrk(
      CblasRowMajor, CblasUpper, CblasTrans, Int32(p), Int32(rows), 1, a, Int32(p), 0, &out, Int32(p))
    for i in 0..<p { for j in 0..<i { out[i * p + j] = out[j * p + i] } }
    return out
  }

  /// Reduced row-echelon form with complete pivoting: each step takes the largest entry
  /// of the remaining rows as the next pivot, so pivots fall on terms that carry an
  /// invariant, not on the noise in the estimated space; each row ends with 1 at its
  /// pivot and 0 at every other row's pivot. Stops when the largest remaining entry is
  /// below `tolerance` times the first pivot's. Returns the pivot column of each row.
  @discardableResult
  static func reduceToEchelonForm(_ rows: inout [[Double]], tolerance: Double) -> [Int] {
    guard let p = rows.first?.count else { return [] }
    var pivots = [Int]()
    var reference = 0.0
    for lead in rows.indices {
      var best = (row: lead, column: -1, value: 0.0)
      for r in lead..<rows.count {
        for c in 0..<p where !pivots.contains(c) && abs(rows[r][c]) > best.value {
          best = (r, c, abs(rows[r][c]))
        }
      }
      if lead == 0 { reference = best.value }
      guard best.column >= 0, best.value > tolerance * reference else {
        rows.removeSubrange(lead...)
        break
      }
      rows.swapAt(lead, best.row)
      let leading = rows[lead][best.column]
      rows[lead] = rows[lead].map { $0 / leading }
      for other in rows.indices where other != lead {
        let factor = rows[other][best.column]
        if factor != 0 { for j in 0..<p { rows[other][j] -= factor * rows[lead][j] } }
      }
      pivots.append(best.column)
    }
    return pivots
  }

  static func values(of c: [Double], theta: [Double], terms p: Int) -> [Double] {
    (0..<(theta.count / p)).map { i in
      var v = 0.0
      for j in 0..<p where c[j] != 0 { v += c[j] * theta[i * p + j] }
      return v
    }
  }

  /// True when Θ·c stays below 1 % of Σⱼ |cⱼ|·rms(θⱼ) in RMS: its terms cancel at every point.
  static func vanishes(_ values: [Double], _ c: [Double], theta: [Double], terms p: Int) -> Bool {
    let rows = Double(theta.count / p)
    var size = 0.0
    for j in 0..<p where c[j] != 0 {
      var sum2 = 0.0
      for i in 0..<(theta.count / p) { sum2 += theta[i * p + j] * theta[i * p + j] }
      size += abs(c[j]) * (sum2 / rows).squareRoot()
    }
    let rms = (values.reduce(0) { $0 + $1 * $1 } / rows).squareRoot()
    return rms < 0.01 * size
  }

  /// R² of `target` on all monomials of degree 1–3 in the given invariants' values.
  static func fitOnPolynomials(_ target: [Double], of invariants: [[Double]]) -> Double {
    let k = invariants.count
    var monomials = [[Int]]()
    var frontier: [[Int]] = [[]]
    for _ in 1...3 {
      frontier = frontier.flatMap { m in ((m.last ?? 0)..<k).map { m + [$0] } }
      monomials += frontier
    }
    let rows = target.count
    var features = [Double](repeating: 1, count: rows * monomials.count)
    for i in 0..<rows {
      for (c, m) in monomials.enumerated() {
        var v = 1.0
        for j in m { v *= invariants[j][i] }
        features[i * monomials.count + c] = v
      }
    }
    return
      (try? coefficientOfDetermination(target: target, features: features, featureCount: monomials.count))
      ?? 0
  }

  /// The known invariant a found one explains (R² ≥ 0.999), with the factor a of the
  /// fit known ≈ a·found + b.
  static func match(_ values: [Double], _ known: [KnownInvariant], states: StateBatch) -> (String, Double)? {
    for invariant in known {
      let target = invariant.values(at: states)
      guard let r2 = try? coefficientOfDetermination(target: target, features: values, featureCount: 1),
        r2 > 0.999
      else { continue }
      let meanX = values.reduce(0, +) / Double(values.count)
      let meanY = target.reduce(0, +) / Double(target.count)
      var (sxy, sxx) = (0.0, 0.0)
      for i in values.indices {
        sxy += (values[i] - meanX) * (target[i] - meanY)
        sxx += (values[i] - meanX) * (values[i] - meanX)
      }
      return (invariant.name, sxy / sxx)
    }
    return nil
  }

  /// Within-trajectory RMS spread over the across-trajectory spread (or over |mean| when
  /// the trajectories share one value).
  static func spread(_ values: [Double], trajectories: Int, steps: Int) -> Double {
    var within = 0.0
    var means = [Double]()
    for t in 0..<trajectories {
      let slice = values[(t * steps)..<((t + 1) * steps)]
      let mean = slice.reduce(0, +) / Double(steps)
      means.append(mean)
      within += slice.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    }
    within = (within / Double(values.count)).squareRoot()
    let grand = means.reduce(0, +) / Double(max(means.count, 1))
    let across = (means.reduce(0) { $0 + ($1 - grand) * ($1 - grand) } / Double(max(means.count, 1)))
      .squareRoot()
    return within / max(across, 1e-6 * abs(grand), 1e-300)
  }

  /// The median over up to 200 data points of the rank of the m × n gradient matrix.
  static func independentCount(_ invariants: SymbolicInvariant, states: StateBatch, rankTolerance: Double)
    -> Int
  {
    guard invariants.invariantCount > 0 else { return 0 }
    var ranks = invariants.unitGradientSingularValues(at: states).map { s in
      s.filter { $0 > rankTolerance * (s.first ?? 0) }.count
    }
    ranks.sort()
    return ranks[ranks.count / 2]
  }
}
