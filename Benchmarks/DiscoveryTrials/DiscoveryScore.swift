import Discovery
import NoetherCore
import NoetherLearning
import SINDy

/// How a discovery run did against the laws it should find, judged on the noise-free
/// states of the same protocol: detection (each expected law a function of the found
/// ones: at least 99.9 % of its gradient in the span of theirs), false discoveries (found ones that are not functions of the
/// true laws: less than 99 % of their gradient in the span of the laws' gradients), the largest coefficient error after
/// normalisation, and the smallest R² of an expected law.
public struct DiscoveryScore: Sendable {
  public var expected = 0
  public var found = 0
  public var detected = 0
  public var falseDiscoveries = 0
  public var coefficientError = 0.0
  public var smallestR2 = 1.0

  /// Scores the laws `found` (nil: the run found nothing or refused the data) against
  /// `expected` (the laws the library spans) and `truth` (all the true laws: a found law
  /// that is a function of them is not false) on `exactStates`.
  public init(
    found: SymbolicInvariant?, expected: [KnownInvariant], truth: [KnownInvariant],
    library: any FeatureLibrary,
    exactStates: StateBatch
  ) {
    self.expected = expected.count
    let m = found?.invariantCount ?? 0
    self.found = m
    let foundValues = found?.values(at: exactStates) ?? []
    let foundExact = (0..<m).map { k in Self.column(foundValues, k, m) }
    // Detected: an expected law that is a function of the found ones (99.9 % of its
    // gradient in the span of theirs); R² is the share explained.
    let n = exactStates.dimension
    let foundGradients =
      found.map { f in Self.perLaw(f.gradients(at: exactStates), laws: m, dimension: n) } ?? []
    var r2s = [Double]()
    for e in expected {
      let r2 =
        m == 0
        ? 0
        : GradientSpan.explainedShare(e.gradients(at: exactStates).values, by: foundGradients, dimension: n)
      r2s.append(r2)
      if r2 >= 0.999 { detected += 1 }
    }
    smallestR2 = r2s.min() ?? 1
    // False: a found law whose gradient is not (to 1 %) in the span of the true laws'
    // gradients, so not a function of them.
    let lawGradients = truth.map { $0.gradients(at: exactStates).values }
    for g in foundGradients where GradientSpan.explainedShare(g, by: lawGradients, dimension: n) < 0.99 {
      falseDiscoveries += 1
    }
    if let found, m > 0 {
      coefficientError = Self.coefficientError(
        found: found, foundExact: foundExact, expected: expected, library: library, exactStates: exactStates)
    }
  }

  /// Per law, its gradients ([count, n]) from the laws' interleaved [count, m, n].
  static func perLaw(_ all: [Double], laws m: Int, dimension n: Int) -> [[Double]] {
    let count = all.count / max(m * n, 1)
    return (0..<m).map { k in
      var g = [Double](repeating: 0, count: count * n)
      for i in 0..<count { for d in 0..<n { g[i * n + d] = all[(i * m + k) * n + d] } }
      return g
    }
  }

  /// True when the values are one constant to `tolerance` relative to their size.
  public static func isUniform(_ values: [Double], tolerance: Double = 1e-9) -> Bool {
    let mean = values.reduce(0, +) / Double(max(values.count, 1))
    let spread = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count, 1)))
      .squareRoot()
    return spread <= tolerance * max(abs(mean), 1e-300)
  }

  static func column(_ values: [Double], _ k: Int, _ m: Int) -> [Double] {
    stride(from: k, to: values.count, by: m).map { values[$0] }
  }
}
