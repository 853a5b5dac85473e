import NoetherCore

/// The noise model of balance laws: the conservation model's terms (`NoiseModel`)
/// joined by the time integrals of a source library's terms, so that a pair (C, s) with
/// C = Θ·a and s = Φ·b is one vector v = (a, b) whose combination C(x(tᵢ)) − ∫₀^tᵢ s dt
/// stays constant along every trajectory exactly when dC/dt = s there.
///
/// Columns: the p scaled active terms of Θ (as in `NoiseModel`), then −Iₗ/sₗ for each
/// source term l whose integral varies (Iₗ = ∫ φ̂ₗ dt from the trajectory's start, sₗ its
/// centred RMS). Rows are centred per trajectory over its kept points (T of them).
/// M = RᵀR, and B is what the noise alone contributes to vᵀMv to first order. A noise
/// εₖ at point k moves row i's Θ part by (δᵢₖ − 1/T)∇Θₖ and its integral part by
/// −(cᵢₖ − c̄ₖ)∇Φₖ (c the quadrature's weights, c̄ₖ their mean over the kept rows), so
/// B_ΘΘ is the conservation model's, B_ΘΦ = −σ² Σₖ (cₖₖ − c̄ₖ) ∇Θₖ∇Φₖᵀ and
/// B_ΦΦ = σ² Σₖ Σᵢ (cᵢₖ − c̄ₖ)² ∇Φₖ∇Φₖᵀ. λ = vᵀMv / vᵀBv is about 1 for a balance law and
/// the conservation model's threshold applies.
struct BalanceModel {
  /// p, the Θ terms (indices 0..<p of the joint vector).
  let termCount: Int
  /// The source terms used (indices into the source library), at joint indices p, p+1, …
  let sources: [Int]
  /// Per source used, its column's scale sₗ.
  let sourceScales: [Double]
  /// M and B over the p + sources.count joint columns.
  let variation: [Double]
  let noise: [Double]
  let threshold: Double
  /// The degrees of freedom of λ (the conservation model's).
  let dof: Int

  var size: Int { termCount + sources.count }

  init(_ data: PreparedData, model: NoiseModel, integrals: SourceIntegrals) {
    let (p, qAll, n, layout) = (model.size, integrals.termCount, data.dimension, data.layout)
    // Centred integrals at the kept points of trajectories with 2 or more.
    var centred = [Double](repeating: 0, count: data.pointCount * qAll)
    for range in layout.ranges {
      let kept = range.filter { model.weights[$0] > 0 }
      guard !kept.isEmpty else { continue }
      for l in 0..<qAll {
        let mean = kept.reduce(0.0) { $0 + integrals.integrals[$1 * qAll + l] } / Double(kept.count)
        for i in kept { centred[i * qAll + l] = integrals.integrals[i * qAll + l] - mean }
      }
    }
    var scales = [Double](repeating: 0, count: qAll)
    for l in 0..<qAll {
      var sum = 0.0
      for i in 0..<data.pointCount { sum += centred[i * qAll + l] * centred[i * qAll + l] }
      scales[l] = (sum / Double(max(data.pointCount, 1))).squareRoot()
    }
    let largest = scales.max() ?? 0
    let used = (0..<qAll).filter { scales[$0] > 1e-12 * max(largest, 1e-300) }
    let q = used.count
    var rows = [Double](repeating: 0, count: data.pointCount * (p + q))
    for i in 0..<data.pointCount {
      for a in 0..<p { rows[i * (p + q) + a] = model.rows[i * p + a] }
      for (k, l) in used.enumerated() { rows[i * (p + q) + p + k] = -centred[i * qAll + l] / scales[l] }
    }
    let variation = DiscoveryAlgebra.gram(rows, rows: data.pointCount, columns: p + q)
    var noise = [Double](repeating: 0, count: (p + q) * (p + q))
    for a in 0..<p { for b in 0..<p { noise[a * (p + q) + b] = model.noise[a * p + b] } }
    let sigma2 = data.sigma * data.sigma
    let jacobian = data.library.featureGradients(data.states)
    let pAll = data.termCount
    for t in 0..<layout.count {
      let (start, steps, c) = (layout.starts[t], layout.length(t), integrals.quadrature(of: t).weights)
      let kept = (0..<steps).filter { model.weights[start + $0] > 0 }
      guard kept.count >= 2 else { continue }
      for k in 0..<steps {
        let point = start + k
        let mean = kept.reduce(0.0) { $0 + c[$1 * steps + k] } / Double(kept.count)
        let spread = kept.reduce(0.0) { $0 + (c[$1 * steps + k] - mean) * (c[$1 * steps + k] - mean) }
        let cross = model.weights[point] > 0 ? -(c[k * steps + k] - mean) : 0
        var phi = [Double](repeating: 0, count: q * n)
        for (s, l) in used.enumerated() {
          for d in 0..<n { phi[s * n + d] = -integrals.gradients[(point * qAll + l) * n + d] / scales[l] }
        }
        for s in 0..<q {
          for r in 0..<q {
            var dot = 0.0
            for d in 0..<n { dot += phi[s * n + d] * phi[r * n + d] }
            noise[(p + s) * (p + q) + p + r] += sigma2 * spread * dot
          }
        }
        guard cross != 0 else { continue }
        for (a, j) in data.active.enumerated() {
          for s in 0..<q {
            var dot = 0.0
            for d in 0..<n { dot += jacobian[(point * pAll + j) * n + d] / data.scales[j] * phi[s * n + d] }
            // The integral column carries −I, so its noise is −(cᵢₖ − c̄ₖ)∇φ: `phi` holds
            // −∇φ/s, and the cross sum Σᵢ (δᵢₖ − 1/T)(cᵢₖ − c̄ₖ) is cₖₖ − c̄ₖ = −cross.
            noise[a * (p + q) + p + s] -= sigma2 * cross * dot
            noise[(p + s) * (p + q) + a] -= sigma2 * cross * dot
          }
        }
      }
    }
    // A source with no gradient (the constant) has an integral without noise (t): a
    // floor keeps B positive definite without changing any other direction's figure.
    let floor = 1e-9 * (0..<p).reduce(0.0) { $0 + noise[$1 * (p + q) + $1] } / Double(max(p, 1))
    for s in 0..<q { noise[(p + s) * (p + q) + p + s] += floor }
    (termCount, sources, sourceScales) = (p, used, used.map { scales[$0] })
    (self.variation, self.noise, threshold, dof) = (variation, noise, model.threshold, model.dof)
  }

  /// (M, B) over the joint indices in `subset`.
  func restricted(to subset: [Int]) -> (m: [Double], b: [Double]) {
    let size = self.size
    return (
      subset.flatMap { i in subset.map { variation[i * size + $0] } },
      subset.flatMap { i in subset.map { noise[i * size + $0] } }
    )
  }

  /// The smallest noise ratio over the joint indices in `subset`, and its vector there.
  func smallest(over subset: [Int]) -> (ratio: Double, vector: [Double])? {
    let (m, b) = restricted(to: subset)
    guard let solved = try? SymmetricEigen.generalized(m, b, size: subset.count) else { return nil }
    let k = subset.count
    return (solved.values[0], (0..<k).map { solved.vectors[$0 * k] })
  }

  /// How many noise ratios over `subset` fall below the threshold.
  func passingCount(over subset: [Int]) -> Int {
    let (m, b) = restricted(to: subset)
    guard let solved = try? SymmetricEigen.generalized(m, b, size: subset.count) else { return 0 }
    return solved.values.filter { $0 < threshold }.count
  }

  /// λ of the joint vector v (zero outside `subset`, values in its order).
  func ratio(of v: [Double], over subset: [Int]) -> Double {
    let (m, b) = restricted(to: subset)
    return DiscoveryAlgebra.rayleigh(v, m, b)
  }
}
