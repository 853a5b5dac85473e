import Foundation

/// A conservation law of degree at most 2, e^{λt} (yᵀ S y + bᵀ y), over variables y (θ for
/// gradient flow, (θ, θ̇) for heavy ball), with its formula.
public struct QuadraticLaw: Sendable, Hashable {
  /// The coefficient of each monomial yₐ y_b (a ≤ b, in row order), then of each yₐ.
  public let coefficients: [Double]
  /// λ: the law is e^{λt} times the polynomial (0 for a time-independent law).
  public let rate: Double
  /// The law as text, for example `W1[1,1]² + W1[1,2]² − W2[1,1]²`.
  public let formula: String

  /// The polynomial's value at y (without the factor e^{λt}).
  public func polynomial(at y: [Double]) -> Double {
    let p = y.count
    var value = 0.0
    var k = 0
    for a in 0..<p {
      for b in a..<p {
        value += coefficients[k] * y[a] * y[b]
        k += 1
      }
    }
    if coefficients.count > k { for a in 0..<p { value += coefficients[k + a] * y[a] } }
    return value
  }

  /// The polynomial's gradient 2Sy + b at y (without the factor e^{λt}).
  public func gradient(at y: [Double]) -> [Double] {
    let p = y.count
    let s = quadraticMatrix(variables: p)
    let linear = coefficients.count > p * (p + 1) / 2
    return (0..<p).map { a in
      var g = 0.0
      for b in 0..<p { g += 2 * s[a * p + b] * y[b] }
      return linear ? g + coefficients[p * (p + 1) / 2 + a] : g
    }
  }

  /// The polynomial's symmetric matrix S (p × p row-major), so that yᵀSy is its quadratic part.
  public func quadraticMatrix(variables p: Int) -> [Double] {
    var s = [Double](repeating: 0, count: p * p)
    var k = 0
    for a in 0..<p {
      for b in a..<p {
        if a == b {
          s[a * p + a] = coefficients[k]
        } else {
          s[a * p + b] = coefficients[k] / 2
          s[b * p + a] = coefficients[k] / 2
        }
        k += 1
      }
    }
    return s
  }

  /// The text of coefficients over monomials: integers where they are integers to 1e-9,
  /// else four significant digits; `e^{λt}·(…)` around it when λ ≠ 0.
  static func formula(_ coefficients: [Double], names: [String], rate: Double) -> String {
    let p = names.count
    var monomials: [String] = []
    for a in 0..<p {
      for b in a..<p { monomials.append(a == b ? "\(names[a])²" : "\(names[a])·\(names[b])") }
    }
    monomials += names
    var text = ""
    for (c, monomial) in zip(coefficients, monomials) where c != 0 {
      let size = abs(c)
      let rounded = size.rounded()
      let number =
        abs(size - rounded) < 1e-9
        ? (rounded == 1 ? "" : String(format: "%.0f ", rounded)) : String(format: "%.4g ", size)
      if text.isEmpty {
        text = (c < 0 ? "−" : "") + number + monomial
      } else {
        text += (c < 0 ? " − " : " + ") + number + monomial
      }
    }
    if text.isEmpty { text = "0" }
    return rate == 0 ? text : (rate == 1 ? "e^{t}" : "e^{\(String(format: "%g", rate))t}") + "·(\(text))"
  }
}
