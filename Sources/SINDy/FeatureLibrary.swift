import NoetherCore
import Synchronization

/// Candidate functions Θ(x) = [θ₁(x), …, θ_p(x)] that SINDy combines linearly:
/// ẋ ≈ Θ(x)·Ξ with Ξ sparse (Brunton, Proctor & Kutz 2016).
public protocol FeatureLibrary: Sendable {
  /// The number of features for states of `dimension`.
  func featureCount(dimension: Int) -> Int
  /// Readable names of the features, given the state names (`q`, `p q`, `q^2`, …).
  func featureNames(stateNames: [String]) -> [String]
  /// Θ at each state: row-major [count, featureCount].
  func features(_ states: StateBatch) -> [Double]
  /// ∂θₖ/∂xⱼ at each state: row-major [count, featureCount, dimension]. The built-in
  /// libraries give it exactly; the default takes central differences.
  func featureGradients(_ states: StateBatch) -> [Double]
  /// A description that rebuilds the library (`polynomial:2`), or nil if it holds
  /// user code (custom terms), which must then be supplied again when loading.
  var archiveDescription: String? { get }
  /// Per feature for states of `dimension`, its form (a monomial's degree, or no
  /// polynomial); nil when the library does not say (user code: discovery then measures
  /// the forms on the data).
  func featureForms(dimension: Int) -> [FeatureForm]?
}

// MARK: - Default implementations

extension FeatureLibrary {
  /// Not declared: discovery measures the forms on the data.
  public func featureForms(dimension: Int) -> [FeatureForm]? { nil }

  /// Central differences with step 1e-6·(1 + |xⱼ|) (error about 1e-10 relative for
  /// smooth terms); libraries with known derivatives give them exactly instead.
  public func featureGradients(_ states: StateBatch) -> [Double] {
    let (n, p) = (states.dimension, featureCount(dimension: states.dimension))
    var out = [Double](repeating: 0, count: states.count * p * n)
    for j in 0..<n {
      var plus = states
      var minus = states
      var steps = [Double](repeating: 0, count: states.count)
      for i in 0..<states.count {
        steps[i] = 1e-6 * (1 + abs(states[i, j]))
        plus[i, j] += steps[i]
        minus[i, j] -= steps[i]
      }
      let (up, down) = (features(plus), features(minus))
      for i in 0..<states.count {
        for k in 0..<p { out[(i * p + k) * n + j] = (up[i * p + k] - down[i * p + k]) / (2 * steps[i]) }
      }
    }
    return out
  }

  /// The features of both libraries side by side (PySINDy's `+`).
  public static func + <Other: FeatureLibrary>(lhs: Self, rhs: Other) -> ConcatenatedLibrary {
    ConcatenatedLibrary([lhs, rhs])
  }
}

/// All monomials of the state components up to `degree` (with the constant 1 first
/// when `includesConstant`), in graded order: 1, x₀, x₁, x₀², x₀x₁, x₁², …
public struct PolynomialLibrary: FeatureLibrary {
  public let degree: Int
  public let includesConstant: Bool
  /// The monomials and their derivative structure per dimension, built once.
  private let tables = MonomialTables()

  public init(degree: Int = 2, includesConstant: Bool = true) {
    precondition(degree >= 1, "PolynomialLibrary: degree must be at least 1")
    self.degree = degree
    self.includesConstant = includesConstant
  }

  /// Exponent multisets: each monomial as the sorted list of component indices.
  func monomials(dimension n: Int) -> [[Int]] {
    tables.table(dimension: n, degree: degree, includesConstant: includesConstant).monomials
  }

  /// The monomials, built (once per dimension, through `tables`).
  static func buildMonomials(dimension n: Int, degree: Int, includesConstant: Bool) -> [[Int]] {
    var result: [[Int]] = includesConstant ? [[]] : []
    var current: [[Int]] = [[]]
    for _ in 1...degree {
      var next = [[Int]]()
      for m in current {
        for j in (m.last ?? 0)..<n { next.append(m + [j]) }
      }
      result += next
      current = next
    }
    return result
  }

  public func featureCount(dimension: Int) -> Int { monomials(dimension: dimension).count }

  public func featureForms(dimension: Int) -> [FeatureForm]? {
    monomials(dimension: dimension).map { .polynomial(degree: $0.count) }
  }

  public func featureNames(stateNames: [String]) -> [String] {
    monomials(dimension: stateNames.count).map { m in
      if m.isEmpty { return "1" }
      var parts = [String]()
      var k = 0
      while k < m.count {
        var power = 1
        while k + power < m.count && m[k + power] == m[k] { power += 1 }
        parts.append(power == 1 ? stateNames[m[k]] : "\(stateNames[m[k]])^\(power)")
        k += power
      }
      return parts.joined(separator: " ")
    }
  }

  public func features(_ states: StateBatch) -> [Double] {
    let monomials = monomials(dimension: states.dimension)
    let p = monomials.count
    var out = [Double](repeating: 1, count: states.count * p)
    for i in 0..<states.count {
      for (c, m) in monomials.enumerated() {
        var v = 1.0
        for j in m { v *= states[i, j] }
        out[i * p + c] = v
      }
    }
    return out
  }

  /// ∂/∂xⱼ of each monomial, exactly: for each distinct factor xⱼ of power k, k times the
  /// monomial with one xⱼ fewer.
  public func featureGradients(_ states: StateBatch) -> [Double] {
    let table = tables.table(dimension: states.dimension, degree: degree, includesConstant: includesConstant)
    let (p, n) = (table.monomials.count, states.dimension)
    let parts = table.derivatives
    var out = [Double](repeating: 0, count: states.count * p * n)
    states.values.withUnsafeBufferPointer { x in
      out.withUnsafeMutableBufferPointer { o in
        for i in 0..<states.count {
          let base = i * n
          for c in 0..<p {
            for part in parts[c] {
              var v = part.power
              for other in part.rest { v *= x[base + other] }
              o[(i * p + c) * n + part.variable] = v
            }
          }
        }
      }
    }
    return out
  }

  public var archiveDescription: String? { "polynomial:\(degree):\(includesConstant ? 1 : 0)" }
}

/// User-supplied terms, each a function of one state with a name.
public struct CustomLibrary: FeatureLibrary {
  /// A term: its name (given the state names) and its value at a state.
  public struct Term: Sendable {
    public let name: @Sendable ([String]) -> String
    public let value: @Sendable ([Double]) -> Double
    public init(
      name: @escaping @Sendable ([String]) -> String, value: @escaping @Sendable ([Double]) -> Double
    ) {
      self.name = name
      self.value = value
    }
  }

  public let terms: [Term]

  public init(_ terms: [Term]) { self.terms = terms }

  public func featureCount(dimension: Int) -> Int { terms.count }
  public func featureNames(stateNames: [String]) -> [String] { terms.map { $0.name(stateNames) } }
  public func features(_ states: StateBatch) -> [Double] {
    (0..<states.count).flatMap { i in
      let x = states.row(i)
      return terms.map { $0.value(x) }
    }
  }
  public var archiveDescription: String? { nil }
}

/// Several libraries side by side.
public struct ConcatenatedLibrary: FeatureLibrary {
  public let parts: [any FeatureLibrary]

  public init(_ parts: [any FeatureLibrary]) { self.parts = parts }

  public func featureCount(dimension: Int) -> Int {
    parts.reduce(0) { $0 + $1.featureCount(dimension: dimension) }
  }
  public func featureNames(stateNames: [String]) -> [String] {
    parts.flatMap { $0.featureNames(stateNames: stateNames) }
  }
  /// The parts' forms side by side; nil when a part does not declare its own.
  public func featureForms(dimension: Int) -> [FeatureForm]? {
    var forms = [FeatureForm]()
    for part in parts {
      guard let own = part.featureForms(dimension: dimension) else { return nil }
      forms += own
    }
    return forms
  }
  public func features(_ states: StateBatch) -> [Double] {
    let blocks = parts.map { ($0.features(states), $0.featureCount(dimension: states.dimension)) }
    var out = [Double]()
    out.reserveCapacity(states.count * featureCount(dimension: states.dimension))
    for i in 0..<states.count {
      for (values, p) in blocks { out.append(contentsOf: values[(i * p)..<((i + 1) * p)]) }
    }
    return out
  }
  public func featureGradients(_ states: StateBatch) -> [Double] {
    let n = states.dimension
    let blocks = parts.map { ($0.featureGradients(states), $0.featureCount(dimension: n)) }
    var out = [Double]()
    out.reserveCapacity(states.count * featureCount(dimension: n) * n)
    for i in 0..<states.count {
      for (values, p) in blocks { out.append(contentsOf: values[(i * p * n)..<((i + 1) * p * n)]) }
    }
    return out
  }

  public var archiveDescription: String? {
    let descriptions = parts.map(\.archiveDescription)
    guard descriptions.allSatisfy({ $0 != nil }) else { return nil }
    return descriptions.map { $0! }.joined(separator: "+")
  }
}

/// Rebuilds a library from its `archiveDescription`.
/// - Throws: `NoetherError.invalidParameter` for descriptions it does not know.
public func featureLibrary(fromDescription description: String) throws -> any FeatureLibrary {
  let parts = try description.split(separator: "+").map { part -> any FeatureLibrary in
    let fields = part.split(separator: ":")
    guard fields.count == 3, fields[0] == "polynomial", let degree = Int(fields[1]), degree >= 1 else {
      throw NoetherError.invalidParameter(
        name: "SINDy library", value: "'\(part)'",
        requirement: "must be polynomial:DEGREE:CONSTANT; custom terms must be supplied again")
    }
    return PolynomialLibrary(degree: degree, includesConstant: fields[2] == "1")
  }
  return parts.count == 1 ? parts[0] : ConcatenatedLibrary(parts)
}

/// Monomials per dimension and, per monomial and distinct variable, (variable, power,
/// the other factors) for its derivative; built once and shared (thread-safe).
final class MonomialTables: Sendable {
  struct Table: Sendable {
    let monomials: [[Int]]
    let derivatives: [[(variable: Int, power: Double, rest: [Int])]]
  }

  private let tables = Mutex<[Int: Table]>([:])

  func table(dimension n: Int, degree: Int, includesConstant: Bool) -> Table {
    if let table = tables.withLock({ $0[n] }) { return table }
    let monomials = PolynomialLibrary.buildMonomials(
      dimension: n, degree: degree, includesConstant: includesConstant)
    let derivatives: [[(variable: Int, power: Double, rest: [Int])]] = monomials.map { m in
      var seen = Set<Int>()
      return m.compactMap { j in
        guard seen.insert(j).inserted else { return nil }
        var rest = m
        rest.remove(at: rest.firstIndex(of: j)!)
        return (j, Double(m.filter { $0 == j }.count), rest)
      }
    }
    let table = Table(monomials: monomials, derivatives: derivatives)
    tables.withLock { $0[n] = table }
    return table
  }
}
