import NoetherCore
import SINDy

/// Per library term, what discovery needs of its form: the degree laws are ordered by,
/// and whether it is a polynomial of degree ≤ 2 or ≤ 3 (the second-order noise model is
/// exact for the first, and the noise expansion of the second ends at the third order).
///
/// Taken from the library's own declaration (`FeatureLibrary.featureForms(dimension:)`);
/// a library that declares none (user code) is measured on the data: the degree from the
/// term's name (the sum of the powers of its factors, `x y^2` is 3, any other factor 1),
/// and the polynomial forms by finite-difference probes of its gradients
/// (`NoiseCurvature.atMostQuadratic`, `atMostCubic`).
struct TermForms {
  /// The degree laws are ordered by: a monomial's degree; any other term 1 per factor.
  let orderingDegree: [Int]
  /// A polynomial of degree ≤ 2 on the data.
  let atMostQuadratic: [Bool]
  /// A polynomial of degree ≤ 3 on the data.
  let atMostCubic: [Bool]

  init(library: any FeatureLibrary, names: [String], states: StateBatch) {
    if let forms = library.featureForms(dimension: states.dimension), forms.count == names.count {
      orderingDegree = forms.map {
        if case .polynomial(let degree) = $0 { return degree }
        return 1
      }
      atMostQuadratic = forms.map { if case .polynomial(let degree) = $0 { degree <= 2 } else { false } }
      atMostCubic = forms.map { if case .polynomial(let degree) = $0 { degree <= 3 } else { false } }
    } else {
      orderingDegree = names.map(Self.degree(of:))
      atMostQuadratic = NoiseCurvature.atMostQuadratic(library, states: states)
      atMostCubic = NoiseCurvature.atMostCubic(library, states: states)
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
}
