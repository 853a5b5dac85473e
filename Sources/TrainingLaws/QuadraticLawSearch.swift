/// The conservation laws of degree ≤ 2 of a family of affine flows, found exactly as the
/// null space of linear conditions on their coefficients.
///
/// A polynomial q(y) = yᵀSy + bᵀy with factor e^{λt} is conserved by ẏ = My + c exactly
/// when λq + ∇q·(My + c) vanishes identically, that is
/// λS + SM + MᵀS = 0, λb + 2Sc + Mᵀb = 0 and bᵀc = 0. Each (field, λ) pair adds these
/// equations; the laws are the common solutions, returned in reduced echelon form so that
/// each has a leading monomial of its own.
enum QuadraticLawSearch {
  /// Laws over `names.count` variables conserved by every (field, rate) pair.
  /// - Parameters:
  ///   - constraints: each field on ℝᵖ with the rate λ it must satisfy.
  ///   - names: the variables' names.
  ///   - rate: the law's own factor e^{λt}; each constraint's λ is the rate it imposes.
  ///   - includeLinear: whether linear terms bᵀy are allowed.
  ///   - parameters: when given, the laws are sought among these combinations of
  ///     coefficients only (each a sparse list of (coefficient index, weight)), a subspace
  ///     known to hold them all; by default every coefficient is free.
  static func laws(
    _ constraints: [(field: AffineField, rate: Double)], names: [String], rate: Double, includeLinear: Bool,
    parameters: [[(Int, Double)]]? = nil
  ) -> [QuadraticLaw] {
    let p = names.count
    let quadratic = p * (p + 1) / 2
    let coefficientCount = quadratic + (includeLinear ? p : 0)
    let basis = parameters ?? (0..<coefficientCount).map { [($0, 1.0)] }
    let unknowns = basis.count
    // Normal matrix AᵀA of the stacked conditions, accumulated column pair by column pair
    // from each unknown's image (unit coefficient in turn).
    var normal = [Double](repeating: 0, count: unknowns * unknowns)
    for (field, lambda) in constraints {
      var unitImages: [Int: [Double]] = [:]
      let images = basis.map { combination -> [Double] in
        var image: [Double] = []
        for (u, weight) in combination {
          if unitImages[u] == nil {
            unitImages[u] = conditionImage(unknown: u, field: field, rate: lambda, variables: p)
          }
          let unit = unitImages[u]!
          image = image.isEmpty ? unit.map { weight * $0 } : zip(image, unit).map { $0 + weight * $1 }
        }
        return image
      }
      let sparse = images.map { image in image.indices.filter { image[$0] != 0 }.map { ($0, image[$0]) } }
      for u in 0..<unknowns {
        let dense = images[u]
        for v in u..<unknowns {
          var dot = 0.0
          for (k, value) in sparse[v] { dot += dense[k] * value }
          normal[u * unknowns + v] += dot
          if v != u { normal[v * unknowns + u] += dot }
        }
      }
    }
    let (values, vectors) = DenseAlgebra.symmetricEigen(normal, size: unknowns)
    let largest = values.last ?? 0
    // Eigenvalues of AᵀA are squared singular values, computed to an absolute accuracy of
    // about 1e-16 of the largest (so a null one may come out slightly negative); the
    // conditions' entries are small integers and λ, so a genuine one is far above 1e-10.
    let null = zip(values, vectors).filter { abs($0.0) <= 1e-10 * max(largest, 1) }.map { _, vector in
      var coefficients = [Double](repeating: 0, count: coefficientCount)
      for (a, combination) in zip(vector, basis) {
        for (u, weight) in combination { coefficients[u] += a * weight }
      }
      return coefficients
    }
    return DenseAlgebra.reducedEchelon(null).map {
      QuadraticLaw(coefficients: $0, rate: rate, formula: QuadraticLaw.formula($0, names: names, rate: rate))
    }
  }

  /// The conditions' values (λS + SM + MᵀS upper triangle, λb + 2Sc + Mᵀb, bᵀc) for the
  /// unknown with index `u` set to 1 and the others to 0.
  private static func conditionImage(
    unknown u: Int, field: AffineField, rate lambda: Double, variables p: Int
  )
    -> [Double]
  {
    let m = field.matrix
    let c = field.offset
    var s = [Double](repeating: 0, count: p * p)
    var b = [Double](repeating: 0, count: p)
    if u < p * (p + 1) / 2 {
      let (i, j) = pair(u, p)
      s[i * p + j] = i == j ? 1 : 0.5
      s[j * p + i] = i == j ? 1 : 0.5
    } else {
      b[u - p * (p + 1) / 2] = 1
    }
    // SM: only rows i and j of S are non-zero.
    var sm = [Double](repeating: 0, count: p * p)
    for row in 0..<p {
      for k in 0..<p where s[row * p + k] != 0 {
        for q in 0..<p { sm[row * p + q] += s[row * p + k] * m[k * p + q] }
      }
    }
    var image: [Double] = []
    for i in 0..<p {
      for j in i..<p { image.append(lambda * s[i * p + j] + sm[i * p + j] + sm[j * p + i]) }
    }
    for i in 0..<p {
      var value = lambda * b[i]
      for k in 0..<p { value += 2 * s[i * p + k] * c[k] + m[k * p + i] * b[k] }
      image.append(value)
    }
    image.append((0..<p).reduce(0) { $0 + b[$1] * c[$1] })
    return image
  }

  /// The (a, b), a ≤ b, of the u-th monomial in row order.
  private static func pair(_ u: Int, _ p: Int) -> (Int, Int) {
    var u = u
    for a in 0..<p {
      if u < p - a { return (a, a + u) }
      u -= p - a
    }
    return (p - 1, p - 1)
  }
}
