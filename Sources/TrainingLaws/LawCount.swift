import Foundation
import NoetherCore

/// The number of independent conservation laws of a network's training flow at a
/// generic point, with the figures behind it and the laws of degree ≤ 2.
public struct LawCount: Sendable {
  /// The network.
  public let architecture: NetworkArchitecture
  /// Gradient or heavy-ball flow.
  public let flow: TrainingFlow
  /// The state's dimension N: D for gradient flow, 2D + 1 for heavy ball.
  public let stateDimension: Int
  /// dim Lie(W)(z) at the generic point.
  public let traceRank: Int
  /// N − dim Lie(W)(z): the number of independent conservation laws.
  public var count: Int { stateDimension - traceRank }
  /// dim Lie(W) as a space of fields.
  public let algebraDimension: Int
  /// The trace's singular values, descending.
  public let traceSingularValues: [Double]
  /// The activation patterns that generated W (one, all active, for a linear network).
  public let patterns: [[Bool]]
  /// Their number.
  public var patternCount: Int { patterns.count }
  /// The independent laws of degree ≤ 2 (time-weighted by e^{λt} for heavy ball).
  public let quadraticLaws: [QuadraticLaw]

  /// The number of functionally independent laws among `quadraticLaws`: the rank of their
  /// gradients at the generic point (linearly independent quadratics can be dependent as
  /// functions, as the entries of W₁W₁ᵀ − W₂ᵀW₂ are when r > n + m).
  public let quadraticLawRank: Int

  /// σ_rank / σ_{rank+1} of the trace: how clearly the rank is separated from round-off
  /// (infinite when the trace has full rank or no smaller value).
  public var rankGap: Double {
    guard traceRank > 0, traceRank < traceSingularValues.count else { return .infinity }
    return traceSingularValues[traceRank - 1] / max(traceSingularValues[traceRank], .leastNormalMagnitude)
  }

  /// The closed forms of Marcotte, Gribonval and Peyré for a two-layer network without
  /// biases: r(r+1)/2 − k(k+1)/2 with k = max(0, r − n − m) for a linear one, r for a
  /// ReLU one; r(r−1)/2 for a linear one under heavy ball (the antisymmetric forms). Nil
  /// where none is stated.
  ///
  /// A ReLU network with one input is the exception the per-neuron count assumes away:
  /// its neurons of one sign are always active together, so each sign's group of g
  /// neurons is a linear (1, g, m) network, with that formula's count.
  public var formulaCount: Int? {
    let w = architecture.widths
    guard w.count == 3, !architecture.hasBias else { return nil }
    let (n, r, m) = (w[0], w[1], w[2])
    switch (architecture.activation, flow) {
    case (.linear, .gradient):
      let k = max(0, r - n - m)
      return r * (r + 1) / 2 - k * (k + 1) / 2
    case (.relu, .gradient) where n == 1:
      // The two patterns (x > 0, x < 0) are the two sign groups.
      var total = 0
      for pattern in patterns {
        let g = pattern.filter { $0 }.count
        let k = max(0, g - 1 - m)
        total += g * (g + 1) / 2 - k * (k + 1) / 2
      }
      return total
    case (.relu, .gradient): return r
    case (.linear, .heavyBall): return r * (r - 1) / 2
    default: return nil
    }
  }
}

/// Counts a two-layer network's conservation laws: the generators of W at a generic θ
/// drawn from `seed`, their Lie algebra, its trace's rank, and the quadratic laws.
public enum LawEnumeration {
  /// The most parameters counted under gradient flow (a few seconds at most).
  public static let largestGradientFlow = 40
  /// The most parameters counted under heavy ball (its state has 2D + 1 components).
  public static let largestHeavyBall = 24

  /// - Throws: `NoetherError.invalidParameter` for a network whose fields are not affine.
  public static func count(_ architecture: NetworkArchitecture, flow: TrainingFlow, seed: UInt64 = 2023)
    throws
    -> LawCount
  {
    let limit = flow == .gradient ? largestGradientFlow : largestHeavyBall
    guard architecture.parameterCount <= limit else {
      throw NoetherError.invalidParameter(
        name: "--widths", value: architecture.widths.map(String.init).joined(separator: ","),
        requirement:
          "the enumeration takes networks of at most \(limit) parameters for \(flow.rawValue) flow (this one has \(architecture.parameterCount)): each element of the algebra is a D × D matrix, and its basis grows with D²"
      )
    }
    var generator = SeededGenerator(seed: seed)
    let theta = architecture.randomParameters(using: &generator)
    let generators = try GradientFieldGenerators(architecture: architecture, at: theta, using: &generator)
    let d = architecture.parameterCount
    let names = architecture.parameterNames
    let point: [Double]
    let laws: [QuadraticLaw]
    let algebra: AffineLieAlgebra
    switch flow {
    case .gradient:
      algebra = AffineLieAlgebra(generators: generators.fields)
      point = theta
      laws = QuadraticLawSearch.laws(
        algebra.independentGenerators.map { ($0, 0) }, names: names, rate: 0,
        includeLinear: architecture.hasBias)
    case .heavyBall:
      let drift = HeavyBallLift.drift(parameters: d, friction: TrainingFlow.friction)
      algebra = AffineLieAlgebra(generators: [drift] + generators.fields.map(HeavyBallLift.lift))
      point = [0.3] + theta + (0..<d).map { _ in generator.nextNormal() }
      let variables = names + names.map { "\($0)'" }
      // The drift is the first independent generator; the lifted ones follow.
      let restricted = algebra.independentGenerators.dropFirst().map { (HeavyBallLift.withoutTime($0), 0.0) }
      laws = [0, 1, 2].flatMap { multiple -> [QuadraticLaw] in
        let rate = Double(multiple) * TrainingFlow.friction
        return QuadraticLawSearch.laws(
          [(HeavyBallLift.withoutTime(drift), rate)] + restricted, names: variables, rate: rate,
          includeLinear: false,
          parameters: HeavyBallLift.driftSolutions(
            parameters: d, rateMultiple: multiple, friction: TrainingFlow.friction))
      }
    }
    let values = algebra.traceSingularValues(at: point)
    let largest = values.first ?? 0
    let rank = values.filter { $0 > 1e-9 * largest }.count
    return LawCount(
      architecture: architecture, flow: flow, stateDimension: algebra.dimension, traceRank: rank,
      algebraDimension: algebra.algebraDimension, traceSingularValues: values,
      patterns: generators.patterns, quadraticLaws: laws,
      quadraticLawRank: gradientRank(laws, at: point, timeDependent: flow == .heavyBall))
  }
}

extension LawEnumeration {
  /// The rank of the laws' gradients at z (z = (t, y) when the laws depend on time).
  static func gradientRank(_ laws: [QuadraticLaw], at z: [Double], timeDependent: Bool) -> Int {
    guard !laws.isEmpty else { return 0 }
    let y = timeDependent ? Array(z.dropFirst()) : z
    let t = timeDependent ? z[0] : 0
    let rows = laws.map { law -> [Double] in
      let weight = exp(law.rate * t)
      let gradient = law.gradient(at: y).map { weight * $0 }
      return timeDependent ? [law.rate * weight * law.polynomial(at: y)] + gradient : gradient
    }
    let values = DenseAlgebra.singularValues(rows.flatMap { $0 }, rows: rows.count, columns: rows[0].count)
    let largest = values.first ?? 0
    return values.filter { $0 > 1e-9 * largest }.count
  }
}
