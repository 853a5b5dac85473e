import NoetherCore
import NoetherLearning
import SINDy

/// A learned invariant (ConCerNet's network g) regressed onto a feature library, so that
/// a user sees what the network learned: g ≈ c₀ + Σⱼ cⱼ θⱼ with few terms (sequential
/// thresholding on standardised terms: drop those below `sparsity` of the largest,
/// refit), printed as a formula with the fit's R².
public struct InvariantDistillation: Sendable {
  public var library: any FeatureLibrary
  public var librarySpec: String
  public var sparsity = 0.05

  public init(library: any FeatureLibrary, librarySpec: String) {
    self.library = library
    self.librarySpec = librarySpec
  }

  /// One distilled output of `invariants` at `states`: the formula and its R².
  public struct Formula: Sendable {
    public let text: String
    public let r2: Double
  }

  /// Each output of `invariants` as a formula over the library, fitted at `states`.
  /// - Throws: `NoetherError` when the library is not finite at the states.
  public func distill(_ invariants: any InvariantFunction, at states: StateBatch, stateNames: [String]) throws
    -> [Formula]
  {
    let names = library.featureNames(stateNames: stateNames)
    let p = names.count
    let theta = library.features(states)
    guard theta.allSatisfy(\.isFinite) else {
      throw NoetherError.nonFiniteValues(what: "library '\(librarySpec)'")
    }
    let rows = states.count
    var scales = [Double](repeating: 0, count: p)
    for j in 0..<p {
      let column = (0..<rows).map { theta[$0 * p + j] }
      let mean = column.reduce(0, +) / Double(rows)
      scales[j] = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(rows)).squareRoot()
    }
    let m = invariants.invariantCount
    let values = invariants.values(at: states)
    return try (0..<m).map { k in
      let target = (0..<rows).map { values[$0 * m + k] }
      var support = (0..<p).filter { scales[$0] > 0 }
      var coefficients = [Double](repeating: 0, count: p)
      var intercept = 0.0
      for _ in 0..<10 {
        let design = (0..<rows).flatMap { i in [1.0] + support.map { theta[i * p + $0] } }
        let solution = try LeastSquares.solve(
          design, rows: rows, columns: support.count + 1, target, rightHandSides: 1)
        intercept = solution[0]
        coefficients = [Double](repeating: 0, count: p)
        for (c, j) in support.enumerated() { coefficients[j] = solution[c + 1] }
        let largest = support.map { abs(coefficients[$0]) * scales[$0] }.max() ?? 0
        let kept = support.filter { abs(coefficients[$0]) * scales[$0] >= sparsity * largest }
        if kept.count == support.count { break }
        support = kept
      }
      let fitted = (0..<rows).map { i in
        intercept + support.reduce(0.0) { $0 + coefficients[$1] * theta[i * p + $1] }
      }
      let mean = target.reduce(0, +) / Double(rows)
      let total = target.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      let residual = zip(target, fitted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
      let text = FormulaText.sum([intercept] + coefficients, terms: ["1"] + names, digits: 3)
      return Formula(text: text, r2: total > 0 ? 1 - residual / total : .nan)
    }
  }
}
