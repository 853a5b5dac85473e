import NoetherCore

#if canImport(Glibc)
  import Glibc
#endif

/// One elementary function of each state component: ln xᵢ (for populations and
/// concentrations; Lotka–Volterra's invariant has ln x and ln y), or sin xᵢ and cos xᵢ
/// (for angles; a pendulum's energy has cos q). Values and gradients are exact; ln of a
/// non-positive value is NaN, which discovery refuses with a message.
public struct ElementaryFunctionLibrary: FeatureLibrary {
  /// Which functions of each state component the library holds.
  public enum Function: String, Sendable, CaseIterable {
    /// ln xᵢ.
    case logarithm = "log"
    /// sin xᵢ and cos xᵢ.
    case trigonometric = "trig"
  }

  public let function: Function
  /// The components it applies to; nil: all.
  public let components: [Int]?

  public init(_ function: Function, components: [Int]? = nil) {
    self.function = function
    self.components = components
  }

  private func chosen(_ n: Int) -> [Int] { (components ?? Array(0..<n)).filter { $0 >= 0 && $0 < n } }
  private var perComponent: Int { function == .logarithm ? 1 : 2 }

  public func featureCount(dimension: Int) -> Int { chosen(dimension).count * perComponent }

  public func featureForms(dimension: Int) -> [FeatureForm]? {
    [FeatureForm](repeating: .nonPolynomial, count: featureCount(dimension: dimension))
  }

  public func featureNames(stateNames: [String]) -> [String] {
    chosen(stateNames.count).flatMap { j -> [String] in
      function == .logarithm ? ["ln(\(stateNames[j]))"] : ["sin(\(stateNames[j]))", "cos(\(stateNames[j]))"]
    }
  }

  public func features(_ states: StateBatch) -> [Double] {
    let columns = chosen(states.dimension)
    var out = [Double]()
    out.reserveCapacity(states.count * columns.count * perComponent)
    for i in 0..<states.count {
      for j in columns {
        let x = states[i, j]
        if function == .logarithm { out.append(x > 0 ? log(x) : .nan) } else { out += [sin(x), cos(x)] }
      }
    }
    return out
  }

  public func featureGradients(_ states: StateBatch) -> [Double] {
    let (n, columns) = (states.dimension, chosen(states.dimension))
    let p = columns.count * perComponent
    var out = [Double](repeating: 0, count: states.count * p * n)
    for i in 0..<states.count {
      for (c, j) in columns.enumerated() {
        let x = states[i, j]
        if function == .logarithm {
          out[(i * p + c) * n + j] = 1 / x
        } else {
          out[(i * p + 2 * c) * n + j] = cos(x)
          out[(i * p + 2 * c + 1) * n + j] = -sin(x)
        }
      }
    }
    return out
  }

  public var archiveDescription: String? { nil }
}
