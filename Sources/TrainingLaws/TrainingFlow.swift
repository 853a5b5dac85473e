/// The continuous-time training dynamics whose conservation laws are enumerated.
public enum TrainingFlow: String, Sendable, CaseIterable, Hashable {
  /// θ̇ = −∇L(θ).
  case gradient
  /// θ̈ + θ̇/τ = −∇L(θ) with τ = 1 (heavy-ball momentum as a second-order flow), on the
  /// state (t, θ, θ̇): its laws may depend on time, as e^{t/τ}·(…) does.
  case heavyBall = "heavy-ball"

  /// 1/τ of the heavy-ball flow.
  public static let friction = 1.0
}

/// The heavy-ball lift of gradient-flow generators: on z = (t, θ, v), the drift
/// X₀ = (1, v, −v/τ) and one field (0, 0, −g(θ)) per generator g. A conservation law of
/// every heavy-ball flow ṫ = 1, θ̇ = v, v̇ = −v/τ − ∇L(θ) is annihilated by X₀ and by each
/// lifted generator (the family is X₀ plus any combination of them).
enum HeavyBallLift {
  /// The drift X₀ on ℝ^{2D+1}.
  static func drift(parameters d: Int, friction: Double) -> AffineField {
    var field = AffineField(dimension: 2 * d + 1)
    let n = 2 * d + 1
    field.offset[0] = 1
    for a in 0..<d {
      field.matrix[(1 + a) * n + (1 + d + a)] = 1
      field.matrix[(1 + d + a) * n + (1 + d + a)] = -friction
    }
    return field
  }

  /// The generator g lifted to (0, 0, −g(θ)) on ℝ^{2D+1}.
  static func lift(_ g: AffineField) -> AffineField {
    let d = g.dimension
    let n = 2 * d + 1
    var field = AffineField(dimension: n)
    for a in 0..<d {
      for b in 0..<d where g.matrix[a * d + b] != 0 {
        field.matrix[(1 + d + a) * n + (1 + b)] = -g.matrix[a * d + b]
      }
      field.offset[1 + d + a] = -g.offset[a]
    }
    return field
  }

  /// A field on (t, θ, v) restricted to y = (θ, v) (dropping the t row and column: no
  /// field here depends on t).
  static func withoutTime(_ field: AffineField) -> AffineField {
    let n = field.dimension
    var restricted = AffineField(dimension: n - 1)
    for i in 1..<n {
      for j in 1..<n { restricted.matrix[(i - 1) * (n - 1) + (j - 1)] = field.matrix[i * n + j] }
      restricted.offset[i - 1] = field.offset[i]
    }
    return restricted
  }
}

extension HeavyBallLift {
  /// The quadratic forms q = θᵀPθ + 2θᵀRv + vᵀTv that the drift X₀ alone allows in a
  /// law e^{λt}q, solved in closed form. λq + ∇q·X₀ = 0 splits by blocks into λP = 0,
  /// (λ − f)R + P = 0 and (λ − 2f)T + sym R = 0 (f = 1/τ), so
  /// - λ = 0: P free, R = P/f, T = P/(2f²);
  /// - λ = f: P = 0, R free, T = sym R / f;
  /// - λ = 2f: P = R = 0, T free.
  /// Each parameter is returned as its monomial coefficients over y = (θ, v) (a coefficient
  /// of yₐy_b, a < b, is twice the matrix entry).
  static func driftSolutions(parameters d: Int, rateMultiple: Int, friction f: Double) -> [[(Int, Double)]] {
    let p = 2 * d
    func monomial(_ a: Int, _ b: Int) -> Int {
      let (i, j) = a <= b ? (a, b) : (b, a)
      return i * p - i * (i - 1) / 2 + (j - i)
    }
    var solutions: [[(Int, Double)]] = []
    switch rateMultiple {
    case 0:
      for a in 0..<d {
        for b in a..<d {
          let twice = a == b ? 1.0 : 2.0
          var terms = [
            (monomial(a, b), twice), (monomial(a, d + b), 2 / f),
            (monomial(d + a, d + b), twice / (2 * f * f)),
          ]
          if a != b { terms.append((monomial(b, d + a), 2 / f)) }
          solutions.append(terms)
        }
      }
    case 1:
      for a in 0..<d {
        for b in 0..<d {
          solutions.append([(monomial(a, d + b), 2), (monomial(d + a, d + b), 1 / f)])
        }
      }
    default:
      for a in 0..<d {
        for b in a..<d { solutions.append([(monomial(d + a, d + b), a == b ? 1 : 2)]) }
      }
    }
    return solutions
  }
}
