import NoetherCore
import NoetherNN
import _Differentiation

/// Per state, an orthonormal basis q₁ … q_m of the span of the invariant gradients
/// ∇H₁ … ∇H_m, from which the hard projection f̃ = f − Σₖ (qₖ·f) qₖ
/// = f − G(GᵀG)⁻¹Gᵀf is applied (ConCerNet, Wang et al. 2023, Eq. 3).
///
/// The basis comes from modified Gram–Schmidt run twice ("twice is enough"), so it is
/// orthonormal to round-off. Where a gradient vanishes (‖∇Hₖ‖ = 0, or below 1e-300) or
/// is dependent on the ones before it (its remainder after removing them is at most
/// 1e-8·‖∇Hₖ‖), that direction is left out: the projection then removes only the
/// well-defined components and never divides by zero, so it returns finite values
/// everywhere (at ∇H = 0 it returns f unchanged).
///
/// With an `alignmentScale` δ > 0, a direction whose unit gradient's remainder r (the sine
/// of its angle to the span of the earlier ones) is small is removed only in part: with
/// weight r²/(r² + δ²), stored as qₖ scaled by that weight's square root. Where gradients
/// nearly align, the exact projection's qₖ turns with the small remainder and the
/// projected field with it; the weighted one keeps the earlier invariants exactly and the
/// nearly aligned one to ‖∇Hₖ‖·r·δ²/(r² + δ²) ≤ ‖∇Hₖ‖δ/2 per unit of f. δ = 0 (the
/// default) is the exact projection.
public struct ProjectionBasis: Sendable {
  /// Number of states.
  public let count: Int
  /// State dimension n.
  public let dimension: Int
  /// m, the most directions per state.
  public let rank: Int
  /// Row-major [count, rank, dimension]; a left-out direction is all zeros.
  public let vectors: [Double]
  /// For balance laws ∇Cₖ·f̃ = sₖ: per state the particular part G(GᵀG)⁻¹s, row-major
  /// [count, dimension], added after the projection; nil for conservation laws (s = 0).
  public let offsets: [Double]?

  /// The basis at each state, from gradients laid out [count, m, n] (`InvariantFunction.gradients`).
  ///
  /// With `sources` s ([count, m]; balance laws dCₖ/dt = sₖ) each state also gets the
  /// offset G(GᵀG)⁻¹s = Q R⁻ᵀ s (G = QR, Rⱼₖ = qⱼ·∇Cₖ from the same Gram–Schmidt), so
  /// that f̃ = f − Σₖ (qₖ·f) qₖ + offset = f − G(GᵀG)⁻¹(Gᵀf − s) has ∇Cₖ·f̃ = sₖ. A
  /// left-out direction's source is not imposed (its gradient depends on the others).
  public init(
    gradients: [Double], count: Int, invariantCount m: Int, dimension n: Int, alignmentScale: Double = 0,
    sources: [Double]? = nil
  ) {
    precondition(gradients.count == count * m * n, "ProjectionBasis: gradients must be [count, m, n]")
    self.count = count
    self.dimension = n
    self.rank = m
    var q = [Double](repeating: 0, count: count * m * n)
    var offsets = sources.map { _ in [Double](repeating: 0, count: count * n) }
    for i in 0..<count {
      var unit = [[Double]?](repeating: nil, count: m)
      defer {
        if let sources {
          Self.addOffset(&offsets!, state: i, unit: unit, gradients: gradients, sources: sources, m: m, n: n)
        }
      }
      for k in 0..<m {
        let g = (i * m + k) * n
        var norm = 0.0
        for j in 0..<n { norm += gradients[g + j] * gradients[g + j] }
        norm = norm.squareRoot()
        guard norm >= 1e-300, norm.isFinite else { continue }
        var r = (0..<n).map { gradients[g + $0] / norm }
        for _ in 0..<2 {
          for previous in 0..<k {
            let p = (i * m + previous) * n
            var dot = 0.0
            for j in 0..<n { dot += q[p + j] * r[j] }
            for j in 0..<n { r[j] -= dot * q[p + j] }
          }
        }
        var remainder = 0.0
        for j in 0..<n { remainder += r[j] * r[j] }
        remainder = remainder.squareRoot()
        guard remainder > 1e-8 else { continue }
        let scale =
          alignmentScale > 0 && k > 0
          ? remainder / (remainder * remainder + alignmentScale * alignmentScale).squareRoot() : 1
        for j in 0..<n { q[g + j] = scale * r[j] / remainder }
        unit[k] = r.map { $0 / remainder }
      }
    }
    self.vectors = q
    self.offsets = offsets
  }

  /// Adds Q R⁻ᵀ s at state i: forward substitution Rᵀy = s over the kept directions,
  /// Rⱼₖ = qⱼ·∇Cₖ, then Σₖ yₖ qₖ.
  private static func addOffset(
    _ offsets: inout [Double], state i: Int, unit: [[Double]?], gradients: [Double], sources: [Double],
    m: Int,
    n: Int
  ) {
    var y = [Double](repeating: 0, count: m)
    for k in 0..<m {
      guard let qk = unit[k] else { continue }
      let g = (i * m + k) * n
      var rest = sources[i * m + k]
      for j in 0..<k {
        guard let qj = unit[j] else { continue }
        var r = 0.0
        for d in 0..<n { r += qj[d] * gradients[g + d] }
        rest -= r * y[j]
      }
      var diagonal = 0.0
      for d in 0..<n { diagonal += qk[d] * gradients[g + d] }
      y[k] = rest / diagonal
      for d in 0..<n { offsets[i * n + d] += y[k] * qk[d] }
    }
  }

  /// The basis from an invariant function at `states`; balance laws
  /// (`BalanceFunction`) bring their sources.
  public init(_ invariants: some InvariantFunction, at states: StateBatch, alignmentScale: Double = 0) {
    self.init(
      gradients: invariants.gradients(at: states), count: states.count,
      invariantCount: invariants.invariantCount,
      dimension: states.dimension, alignmentScale: alignmentScale,
      sources: (invariants as? any BalanceFunction)?.sources(at: states))
  }

  private init(count: Int, dimension: Int, rank: Int, vectors: [Double], offsets: [Double]?) {
    self.count = count
    self.dimension = dimension
    self.rank = rank
    self.vectors = vectors
    self.offsets = offsets
  }

  /// The bases of the states at `indices`.
  public func selecting(_ indices: [Int]) -> ProjectionBasis {
    let size = rank * dimension
    var out = [Double]()
    out.reserveCapacity(indices.count * size)
    for i in indices { out.append(contentsOf: vectors[(i * size)..<((i + 1) * size)]) }
    let n = dimension
    return ProjectionBasis(
      count: indices.count, dimension: dimension, rank: rank, vectors: out,
      offsets: offsets.map { o in indices.flatMap { o[($0 * n)..<(($0 + 1) * n)] } })
  }

  /// f̃ = f − Σₖ (qₖ·f) qₖ (+ the offset of balance laws) for each row of f
  /// (count × dimension).
  public func project(_ f: [Double]) -> [Double] {
    var out = projectTangent(f)
    if let offsets { for k in out.indices { out[k] += offsets[k] } }
    return out
  }

  /// f − Σₖ (qₖ·f) qₖ for each row of f: the linear part, and the projection's pullback.
  public func projectTangent(_ f: [Double]) -> [Double] {
    precondition(f.count == count * dimension, "ProjectionBasis.project: f must be count × dimension")
    var out = f
    let (n, m) = (dimension, rank)
    vectors.withUnsafeBufferPointer { q in
      out.withUnsafeMutableBufferPointer { o in
        for i in 0..<count {
          for k in 0..<m {
            let base = (i * m + k) * n
            var dot = 0.0
            for j in 0..<n { dot += q[base + j] * o[i * n + j] }
            if dot != 0 { for j in 0..<n { o[i * n + j] -= dot * q[base + j] } }
          }
        }
      }
    }
    return out
  }
}

extension Matrix {
  /// Each row projected onto the tangent space of the invariants (see
  /// ``ProjectionBasis``). Differentiable: the projection is linear and symmetric, so
  /// its pullback is the same projection.
  @differentiable(reverse,wrt: self)
  public func projected(onto basis: ProjectionBasis) -> Matrix {
    Matrix(rows: rows, columns: columns, scalars: basis.project(scalars))
  }

  @derivative(of: projected, wrt: self)
  @usableFromInline
  func _vjpProjected(onto basis: ProjectionBasis) -> (value: Matrix, pullback: (Matrix) -> Matrix) {
    (
      projected(onto: basis),
      { v in
        v.isSymbolicZero
          ? .zero : Matrix(rows: v.rows, columns: v.columns, scalars: basis.projectTangent(v.scalars))
      }
    )
  }
}

extension ProjectionBasis: BatchConstraint {
  public func batch(_ indices: [Int]) -> any BatchConstraint { selecting(indices) }

  /// f̃ = f − Σₖ (qₖ·f) qₖ (+ the balance offset, which does not depend on f); the
  /// linear part is symmetric, so the pullback is the linear part itself.
  public func constrained(_ f: Matrix) -> (value: Matrix, pullback: (Matrix) -> Matrix)? {
    (
      f.projected(onto: self),
      { v in Matrix(rows: v.rows, columns: v.columns, scalars: self.projectTangent(v.scalars)) }
    )
  }
}

/// The hard projection (ConCerNet, Wang et al. 2023, Eq. 3):
/// f̃(x) = f(x) − G(GᵀG)⁻¹Gᵀf(x), G the gradients of `invariants` at x, so that
/// ∇Hₖ·f̃ = 0 exactly; for balance laws (`BalanceFunction`, dCₖ/dt = sₖ),
/// f̃ = f − G(GᵀG)⁻¹(Gᵀf − s), so that ∇Cₖ·f̃ = sₖ exactly. A network trained through it sees the projection at every
/// training point (bases computed once, the invariants frozen).
public struct HardProjection<Invariants: InvariantFunction>: TrainableConstraint {
  public let invariants: Invariants
  /// δ of ``ProjectionBasis``: 0 (the default) projects exactly; above 0, a nearly
  /// aligned gradient's direction is removed in part.
  public let alignmentScale: Double

  public init(_ invariants: Invariants, alignmentScale: Double = 0) {
    self.invariants = invariants
    self.alignmentScale = alignmentScale
  }

  public func constrain(_ nominal: StateBatch, at states: StateBatch) -> StateBatch {
    let basis = ProjectionBasis(invariants, at: states, alignmentScale: alignmentScale)
    return StateBatch(count: states.count, dimension: states.dimension, values: basis.project(nominal.values))
  }

  public func training(at states: StateBatch) throws -> any BatchConstraint {
    ProjectionBasis(invariants, at: states, alignmentScale: alignmentScale)
  }
}

extension HardProjection: ArchivableConstraint where Invariants == NetworkInvariant {
  /// g's layers under the prefix `g`, and `constraint` = `projection`.
  public func archive() -> ModelArchive {
    let g = invariants.network.archived(as: "g")
    var settings = g.settings
    settings["constraint"] = "projection"
    return ModelArchive(method: "constraint", settings: settings, arrays: g.arrays)
  }
}
