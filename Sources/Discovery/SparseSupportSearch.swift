import NoetherCore

/// Laws of few terms, found support by support (noisy data).
///
/// The conserved space of the whole library is estimated as the eigenvectors of
/// M c = λ B c below the threshold. At high noise that estimate blurs: laws whose noise
/// is strongly correlated (Kepler's E and L at σ = 0.1) span a plane in which one
/// combination nearly cancels the noise, and there a small error of the noise model
/// moves λ far, while weakly varying
/// combinations of other terms sit just under the threshold — the eigenvectors below it
/// are mixtures, and no basis of them is sparse. A law of few terms does not need the
/// space: on its own support S the smallest λ of (M_S, B_S) is its own. So every support
/// of up to `maximumTerms` terms is tried, smallest first, and one is kept when its best
/// combination c
/// - is conserved: λ below the threshold;
/// - does not change smoothly (`SerialCorrelation`): the lag-1…L autocorrelation of its
///   centred values, (cᵀAc / cᵀMc − mean) / sd, at most the significance — the noise
///   ratio cannot see a change within the noise, this can when it is slow on the
///   sampling's scale;
/// - is excited: its trajectory means stand out from zero against the scatter within the
///   trajectories (`TrajectoryMeans.sizeAgainstNoise`) — the means, not the points: a
///   law may be smaller than its noise at every point while its means stand out;
/// - does not drift: the trend part of `DriftTest` at most the significance;
/// - needs every term: no coefficient below `sparsity` of the largest (scaled);
/// - contains no support kept before (a law with an extra term is the same law).
struct SparseSupportSearch {
  /// The largest support tried (supports of every size up to it).
  var maximumTerms = 3
  /// A library with more supports than this (more than 48 terms at three) is not
  /// searched (the heat equation's 101 nodes: 166,650 supports of three); a search cut at
  /// fewer terms would prefer the shorter laws it can reach.
  var supportLimit = 20_000

  /// The statistics of the data the search needs, over the p scaled terms (row-major p × p).
  struct Statistics {
    /// Centred second moments along the trajectories (M).
    var variation: [Double]
    /// The noise's contribution to M (B).
    var noise: [Double]
    /// Lagged products of the centred rows (`SerialCorrelation.lagProducts`).
    var lagged: [Double]
    /// The serial score's null mean and standard deviation of cᵀAc / cᵀMc.
    var serialMean: Double
    var serialDeviation: Double
    /// The scaled terms at every point, row-major [points, p] (zero where left out), the
    /// points kept, and the points per trajectory.
    var terms: [Double]
    var kept: [Bool]
    var layout: TrajectoryLayout
    /// The discovery's significance z and sparsity.
    var significance: Double
    var sparsity: Double
  }

  /// True when a library of `terms` terms has at most `supportLimit` supports to try.
  func fits(terms p: Int) -> Bool {
    (1...max(min(maximumTerms, p), 1)).reduce(0.0) { $0 + Self.binomial(p, $1) } <= Double(supportLimit)
  }

  /// The kept combinations, each over all p terms with its λ, in order of support size.
  func search(_ s: Statistics, size p: Int, threshold: Double) -> [(coefficients: [Double], lambda: Double)] {
    guard p > 0, fits(terms: p) else { return [] }
    var kept = [[Int]]()
    var out = [(coefficients: [Double], lambda: Double)]()
    for size in 1...min(maximumTerms, p) {
      var support = Array(0..<size)
      while true {
        if !kept.contains(where: { Set($0).isSubset(of: support) }),
          let found = candidate(support, s, size: p, threshold: threshold)
        {
          if let c = accepted(found.coefficients, support, s, size: p) {
            kept.append(support)
            out.append((c, found.lambda))
          }
        }
        guard Self.advance(&support, limit: p) else { break }
      }
    }
    return out
  }

  /// The combination over all p terms when it passes the tests after λ (every term
  /// needed, no serial correlation, means that stand out, no trend), else nil.
  private func accepted(_ coefficients: [Double], _ support: [Int], _ s: Statistics, size p: Int) -> [Double]?
  {
    let largest = coefficients.map(abs).max() ?? 0
    guard coefficients.allSatisfy({ abs($0) >= s.sparsity * largest }) else { return nil }
    var c = [Double](repeating: 0, count: p)
    for (k, j) in support.enumerated() { c[j] = coefficients[k] }
    let serial =
      (DiscoveryAlgebra.quadraticForm(c, s.lagged, over: support)
        / DiscoveryAlgebra.quadraticForm(c, s.variation, over: support) - s.serialMean)
      / s.serialDeviation
    guard serial <= s.significance else { return nil }
    let values = DiscoveryAlgebra.values(of: c, theta: s.terms, terms: p)
    let means = TrajectoryMeans(values, kept: s.kept, layout: s.layout)
    guard means.sizeAgainstNoise >= means.limit(significance: s.significance),
      !(DriftTest().trend(values, kept: s.kept, layout: s.layout) ?? 0 > s.significance)
    else { return nil }
    return c
  }

  /// The smallest generalised eigenpair of (M_S, B_S) on the support when λ < threshold.
  private func candidate(_ support: [Int], _ s: Statistics, size p: Int, threshold: Double) -> (
    coefficients: [Double], lambda: Double
  )? {
    let k = support.count
    let ms = support.flatMap { i in support.map { s.variation[i * p + $0] } }
    let bs = support.flatMap { i in support.map { s.noise[i * p + $0] } }
    guard let (values, vectors) = try? SymmetricEigen.generalized(ms, bs, size: k), values[0] < threshold
    else {
      return nil
    }
    return ((0..<k).map { vectors[$0 * k] }, values[0])
  }

  /// The next combination of the same size in lexicographic order; false after the last.
  static func advance(_ support: inout [Int], limit p: Int) -> Bool {
    let k = support.count
    var i = k - 1
    while i >= 0 && support[i] == p - k + i { i -= 1 }
    guard i >= 0 else { return false }
    support[i] += 1
    for j in (i + 1)..<k { support[j] = support[j - 1] + 1 }
    return true
  }

  static func binomial(_ n: Int, _ k: Int) -> Double {
    (0..<k).reduce(1.0) { $0 * Double(n - $1) / Double($1 + 1) }
  }
}

extension SparseSupportSearch.Statistics {
  /// The statistics from the discovery's centred rows r (scaled terms minus their
  /// trajectory means over the kept points), its scaled terms, the points' weights (> 0
  /// where kept), M and B: the lagged products of r with their null — a conserved
  /// direction's lag-1…L autocorrelation is −L·N/(dof + N), the centring's, within
  /// √(L/dof) (N trajectories used).
  init(
    rows r: [Double], terms: [Double], weights: [Double], layout: TrajectoryLayout, dof: Int,
    variation: [Double], noise: [Double], significance: Double, sparsity: Double
  ) {
    let used = layout.ranges.filter { range in range.contains { weights[$0] > 0 } }.count
    let lags = Double(SerialCorrelation.lags)
    self.init(
      variation: variation, noise: noise,
      lagged: SerialCorrelation.lagProducts(r, layout: layout, columns: r.count / weights.count),
      serialMean: -lags * Double(used) / Double(dof + used),
      serialDeviation: (lags / Double(dof)).squareRoot(),
      terms: terms, kept: weights.map { $0 > 0 }, layout: layout, significance: significance,
      sparsity: sparsity
    )
  }
}
