import NoetherCore
import SINDy

/// Invariants as exact formulas: Hₖ(x) = Σⱼ cₖⱼ θⱼ(x) over a feature library's terms,
/// with exact values and gradients (∇Hₖ = Σⱼ cₖⱼ ∇θⱼ from the library's own
/// derivatives). What ``InvariantDiscovery`` finds and `noether discover` writes.
public struct SymbolicInvariant: InvariantFunction {
  public let library: any FeatureLibrary
  /// The library's spec (`poly3+central`), to rebuild it from a file.
  public let librarySpec: String
  public let stateNames: [String]
  /// One name per invariant (`energy`, `I2`).
  public let names: [String]
  /// Row-major [m, p]: invariant k is Σⱼ coefficients[k·p + j] θⱼ.
  public let coefficients: [Double]

  public init(
    library: any FeatureLibrary, librarySpec: String, stateNames: [String], names: [String],
    coefficients: [Double]
  ) {
    precondition(
      coefficients.count == names.count * library.featureCount(dimension: stateNames.count),
      "SymbolicInvariant: coefficients must be [invariants, library terms]")
    self.library = library
    self.librarySpec = librarySpec
    self.stateNames = stateNames
    self.names = names
    self.coefficients = coefficients
  }

  public var inputDimension: Int { stateNames.count }
  public var invariantCount: Int { names.count }
  /// p, the number of library terms.
  public var termCount: Int { library.featureCount(dimension: inputDimension) }
  /// The library's term names.
  public var termNames: [String] { library.featureNames(stateNames: stateNames) }

  public func values(at states: StateBatch) -> [Double] {
    let (p, m) = (termCount, invariantCount)
    let theta = library.features(states)
    var out = [Double](repeating: 0, count: states.count * m)
    for i in 0..<states.count {
      for k in 0..<m {
        var v = 0.0
        for j in 0..<p where coefficients[k * p + j] != 0 { v += coefficients[k * p + j] * theta[i * p + j] }
        out[i * m + k] = v
      }
    }
    return out
  }

  public func gradients(at states: StateBatch) -> [Double] {
    let (p, m, n) = (termCount, invariantCount, inputDimension)
    let jacobian = library.featureGradients(states)
    var out = [Double](repeating: 0, count: states.count * m * n)
    for i in 0..<states.count {
      for k in 0..<m {
        for j in 0..<p where coefficients[k * p + j] != 0 {
          let c = coefficients[k * p + j]
          for d in 0..<n { out[(i * m + k) * n + d] += c * jacobian[(i * p + j) * n + d] }
        }
      }
    }
    return out
  }

  /// The invariants at `indices` only.
  public func selecting(_ indices: [Int]) -> SymbolicInvariant {
    let p = termCount
    return SymbolicInvariant(
      library: library, librarySpec: librarySpec, stateNames: stateNames, names: indices.map { names[$0] },
      coefficients: indices.flatMap { coefficients[($0 * p)..<(($0 + 1) * p)] })
  }

  /// Invariant k as a formula: `energy = 0.5 vx² + 0.5 vy² − 1/r`, each coefficient with
  /// `digits` significant digits.
  public func formula(_ k: Int, digits: Int = 4) -> String {
    let p = termCount
    return "\(names[k]) = "
      + FormulaText.sum(Array(coefficients[(k * p)..<((k + 1) * p)]), terms: termNames, digits: digits)
  }
}

extension SymbolicInvariant {
  /// The invariants kept, in order, while each stays well independent of those before
  /// it: the median over up to 200 of `states` of the smallest singular value of their
  /// unit gradients must reach `tolerance`. A projection onto invariants whose gradients
  /// are close to dependent turns the projected field stiff (Kepler's E, L and A_x on
  /// nearly circular orbits; docs/results.md).
  public func independentSubset(at states: StateBatch, tolerance: Double = 0.05) -> SymbolicInvariant {
    selecting(independentIndices(at: states, tolerance: tolerance))
  }

  /// The indices `independentSubset(at:tolerance:)` keeps.
  public func independentIndices(at states: StateBatch, tolerance: Double = 0.05) -> [Int] {
    var kept = [Int]()
    for k in 0..<invariantCount {
      let m = kept.count + 1
      var smallest = selecting(kept + [k]).unitGradientSingularValues(at: states).map { s in
        s.count < m ? 0 : (s.last ?? 0)
      }
      smallest.sort()
      if smallest[smallest.count / 2] >= tolerance { kept.append(k) }
    }
    return kept
  }

  /// How many of the invariants are functionally independent: the median over up to 200
  /// of `states` of the rank of their unit gradients, singular values below
  /// `rankTolerance` of the largest not counted.
  public func independentCount(at states: StateBatch, rankTolerance: Double) -> Int {
    guard invariantCount > 0 else { return 0 }
    var ranks = unitGradientSingularValues(at: states).map { s in
      s.filter { $0 > rankTolerance * (s.first ?? 0) }.count
    }
    ranks.sort()
    return ranks[ranks.count / 2]
  }

  /// At up to 200 of `states` (evenly spaced), the singular values (descending) of the
  /// m × n matrix of the invariants' unit gradients, so that scale does not decide rank.
  func unitGradientSingularValues(at states: StateBatch) -> [[Double]] {
    let (m, n) = (invariantCount, states.dimension)
    let step = max(states.count / 200, 1)
    let sample = StateBatch(
      count: (states.count + step - 1) / step, dimension: n,
      values: stride(from: 0, to: states.count, by: step).flatMap { states.row($0) })
    let gradients = gradients(at: sample)
    return (0..<sample.count).map { i in
      var g = Array(gradients[(i * m * n)..<((i + 1) * m * n)])
      for a in 0..<m {
        let norm = (0..<n).reduce(0.0) { $0 + g[a * n + $1] * g[a * n + $1] }.squareRoot()
        if norm > 0 { for d in 0..<n { g[a * n + d] /= norm } }
      }
      return SymmetricEigen.singularValues(g, rows: m, columns: n)
    }
  }
}
