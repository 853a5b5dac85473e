import NoetherCore

/// Finds an approximately conserved combination where no law was found (`ApproximateLaw`).
///
/// Over the active scaled terms and the noise model's points of the fitting trajectories
/// (the training split when there is a test split, else all), W is the scatter within
/// trajectories (`NoiseModel`'s centred rows) and T the scatter about the mean of all
/// those points; μ = cᵀWc / cᵀTc. Supports of 1, 2, 3
/// terms are searched, and the first size whose best μ is at most `withinRatio` gives the
/// combination, or a larger one while it at least halves μ (the simplest that
/// trajectories keep; a weakly damped Duffing oscillator's x² + v² is refined to its
/// energy's x² + v² + x⁴/2). It is
/// reported when its cancellation q = √(cᵀWc) / Σⱼ |cⱼ|√Wⱼⱼ is at most `cancellation` on
/// the fitting trajectories and on the held-out ones: the terms change along each
/// trajectory, and their changes cancel to that share.
struct ApproximateLawSearch {
  var withinRatio = 0.01
  var cancellation = 0.1
  /// Largest active-term count searched (C(p, 3) small eigenproblems).
  var maximumTerms = 40

  func search(_ data: PreparedData, model: NoiseModel, split: [TrajectorySplit]) -> ApproximateLaw? {
    let p = data.active.count
    guard data.trajectoryCount >= 3, p >= 2, p <= maximumTerms, split.count == data.trajectoryCount else {
      return nil
    }
    let test = split.indices.filter { split[$0] == .test }
    let fitting =
      test.count >= 1 && split.count - test.count >= 3
      ? split.indices.filter { split[$0] == .train } : Array(split.indices)
    let (w, t) = scatter(data, model: model, trajectories: fitting)
    guard let (support, c, mu) = bestSupport(w, t, size: p) else { return nil }
    let q = Self.cancellation(c, support: support, within: w, size: p)
    var heldOut: Double?
    if fitting.count < data.trajectoryCount {
      let (wTest, _) = scatter(data, model: model, trajectories: test)
      heldOut = Self.cancellation(c, support: support, within: wTest, size: p)
    }
    guard mu <= withinRatio, q <= cancellation, (heldOut ?? 0) <= cancellation else { return nil }
    var scaled = [Double](repeating: 0, count: p)
    for (k, j) in support.enumerated() { scaled[j] = c[k] }
    var coefficients = data.unscaled(scaled)
    if let first = coefficients.first(where: { $0 != 0 }) { coefficients = coefficients.map { $0 / first } }
    let lambda = DiscoveryAlgebra.rayleigh(data.scaled(coefficients), model.variation, model.noise)
    let rates = Self.rates(coefficients, data: data)
    return ApproximateLaw(
      formula: FormulaText.sum(coefficients, terms: data.termNames, digits: 4), coefficients: coefficients,
      withinRatio: mu, cancellation: q, heldOutCancellation: heldOut, noiseRatio: lambda,
      medianRate: rates.sorted()[rates.count / 2], decreasing: rates.filter { $0 < 0 }.count,
      trajectories: rates.count)
  }

  /// W and T over `trajectories`, scaled active terms, p × p: W the Gram matrix of the
  /// noise model's rows (each trajectory's kept points minus their mean), T that of its
  /// scaled terms at those points minus their common mean.
  private func scatter(_ data: PreparedData, model: NoiseModel, trajectories: [Int]) -> (
    within: [Double], total: [Double]
  ) {
    let p = model.size
    let points = data.layout.points(of: trajectories).filter { model.weights[$0] > 0 }
    let rows = points.flatMap { i in model.rows[(i * p)..<((i + 1) * p)] }
    var terms = points.flatMap { i in model.scaledTerms[(i * p)..<((i + 1) * p)] }
    let count = Double(max(points.count, 1))
    let mean = (0..<p).map { c in stride(from: c, to: terms.count, by: p).reduce(0) { $0 + terms[$1] } / count
    }
    for k in terms.indices { terms[k] -= mean[k % p] }
    return (
      DiscoveryAlgebra.gram(rows, rows: points.count, columns: p),
      DiscoveryAlgebra.gram(terms, rows: points.count, columns: p)
    )
  }

  /// The simplest support that trajectories keep: the first size (1, 2, 3) whose best μ
  /// is at most `withinRatio`, then a larger size while it at least halves μ (a third
  /// term that is part of the quantity, not a refit of the noise); with its coefficients
  /// and μ. Nil when no size qualifies.
  private func bestSupport(_ w: [Double], _ t: [Double], size p: Int) -> ([Int], [Double], Double)? {
    let bests = (1...min(3, p)).map { best(of: $0, w, t, size: p) }
    guard var k = bests.firstIndex(where: { ($0?.2 ?? .infinity) <= withinRatio }) else { return nil }
    while k + 1 < bests.count, let next = bests[k + 1], next.2 < bests[k]!.2 / 2 { k += 1 }
    return bests[k]
  }

  /// The support of `count` terms with the smallest μ, its coefficients and μ.
  private func best(of count: Int, _ w: [Double], _ t: [Double], size p: Int) -> ([Int], [Double], Double)? {
    var best: ([Int], [Double], Double)?
    for support in Self.supports(of: count, in: p) {
      let ws = support.flatMap { a in support.map { w[a * p + $0] } }
      let ts = support.flatMap { a in support.map { t[a * p + $0] } }
      guard let (values, vectors) = try? SymmetricEigen.generalized(ws, ts, size: count),
        let mu = values.first, best == nil || mu < best!.2
      else { continue }
      best = (support, (0..<count).map { vectors[$0 * count] }, mu)
    }
    return best
  }

  static func supports(of size: Int, in p: Int) -> [[Int]] {
    guard size > 0 else { return [[]] }
    return (0..<p).flatMap { first in
      supports(of: size - 1, in: p).filter { ($0.first ?? p) > first }.map { [first] + $0 }
    }
  }

  /// q of coefficients `c` on `support` under the within-scatter `w`.
  static func cancellation(_ c: [Double], support: [Int], within w: [Double], size p: Int) -> Double {
    var variance = 0.0
    var bound = 0.0
    for (a, i) in support.enumerated() {
      bound += abs(c[a]) * max(w[i * p + i], 0).squareRoot()
      for (b, j) in support.enumerated() { variance += c[a] * c[b] * w[i * p + j] }
    }
    return bound > 0 ? max(variance, 0).squareRoot() / bound : .infinity
  }

  /// Per trajectory, the least-squares slope of the combination against time over its kept points.
  static func rates(_ coefficients: [Double], data: PreparedData) -> [Double] {
    let values = DiscoveryAlgebra.values(of: coefficients, theta: data.theta, terms: data.termCount)
    return (0..<data.trajectoryCount).compactMap { k in
      let start = data.layout.starts[k]
      let points = data.layout.range(k).filter { data.kept[$0] }
      guard points.count >= 2 else { return nil }
      let ts = points.map { data.times[k][$0 - start] }
      let ys = points.map { values[$0] }
      let (mt, my) = (ts.reduce(0, +) / Double(ts.count), ys.reduce(0, +) / Double(ys.count))
      let sxy = zip(ts, ys).reduce(0) { $0 + ($1.0 - mt) * ($1.1 - my) }
      let sxx = ts.reduce(0) { $0 + ($1 - mt) * ($1 - mt) }
      return sxx > 0 ? sxy / sxx : nil
    }
  }
}
