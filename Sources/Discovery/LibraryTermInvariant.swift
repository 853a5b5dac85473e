import NoetherCore
import SINDy

extension KnownInvariant {
  /// An invariant as a formula over a feature library's terms, C(x) = Σⱼ cⱼ θⱼ(x), the
  /// form discovery reports laws in (``SymbolicInvariant``): values and exact gradients
  /// come from the library's own terms and term gradients, batched.
  ///
  /// ```swift
  /// try KnownInvariant(
  ///   "V", library: "poly1+log", states: ["x", "y"], terms: ["x": 1, "y": 1, "ln(x)": -1, "ln(y)": -1])
  /// ```
  ///
  /// - Parameters:
  ///   - name: the invariant's identifier.
  ///   - spec: a library spec, as `noether discover --library` takes it.
  ///   - states: the system's state names, which the terms' names are written in.
  ///   - terms: coefficient by term name, as the library names its terms (`p^2`, `ln(x)`,
  ///     `x y`; `noether discover --library SPEC` lists them in its formulas).
  ///   - registry: where library names are looked up.
  /// - Throws: `NoetherError.unknownName` for a library part or a term the library does
  ///   not have, listing the choices.
  public init(
    _ name: String, library spec: String, states: [String], terms: [String: Double],
    registry: FeatureLibraryRegistry = .shared
  ) throws {
    let library = try registry.library(spec)
    let termNames = library.featureNames(stateNames: states)
    var coefficients = [Double](repeating: 0, count: termNames.count)
    for (term, coefficient) in terms.sorted(by: { $0.key < $1.key }) {
      guard let j = termNames.firstIndex(of: term) else {
        throw NoetherError.unknownName(kind: "term of library '\(spec)'", name: term, choices: termNames)
      }
      coefficients[j] = coefficient
    }
    let formula = SymbolicInvariant(
      library: library, librarySpec: spec, stateNames: states, names: [name], coefficients: coefficients)
    self.init(
      name: name, formula: FormulaText.sum(coefficients, terms: termNames, digits: 6),
      value: { formula.values(at: $0) },
      gradient: { StateBatch(count: $0.count, dimension: $0.dimension, values: formula.gradients(at: $0)) })
  }
}
