import Foundation

/// Cumulative integrals of sampled values: Iᵢ = ∫ from t₀ to tᵢ of φ(t) dt ≈ Σₖ cᵢₖ φₖ
/// for samples φₖ = φ(tₖ) at increasing times t₀ < t₁ < … (uneven steps allowed).
///
/// Each interval [tⱼ, tⱼ₊₁] integrates the polynomial through the `order` samples
/// nearest it (as centred as the ends allow), so the error per interval is
/// O(Δt^(order+1)) for a smooth φ: with order 6 and Δt = 0.1 about 10⁻⁹ of φ's scale over
/// a trajectory, below exact data's error floor, where the trapezoid rule's 10⁻⁴ is not.
/// The weights of a stencil are ∫ of its Lagrange basis polynomials, by Gauss–Legendre
/// quadrature (exact for their degree), in time shifted and scaled to the interval.
public struct CumulativeQuadrature: Sendable {
  /// T, the number of samples.
  public let count: Int
  /// c, row-major [T, T]: Iᵢ = Σₖ cᵢₖ φₖ (row 0 is zero).
  public let weights: [Double]

  /// - Parameters:
  ///   - times: the sampling times, strictly increasing.
  ///   - order: the points per interpolating polynomial (at most the number of samples).
  public init(times: [Double], order: Int = 6) {
    let t = times.count
    count = t
    var c = [Double](repeating: 0, count: t * t)
    let width = min(order, t)
    for j in 0..<max(t - 1, 0) {
      let first = min(max(j - (width - 2) / 2, 0), t - width)
      let stencil = Array(first..<(first + width))
      let local = Self.intervalWeights(times: stencil.map { times[$0] }, from: times[j], to: times[j + 1])
      // Interval j adds to every Iᵢ with i > j.
      for i in (j + 1)..<t {
        for (m, k) in stencil.enumerated() { c[i * t + k] += local[m] }
      }
    }
    weights = c
  }

  /// I at every sample, for values laid out [T, columns] (row-major); the same layout.
  public func integrate(_ values: [Double], columns: Int) -> [Double] {
    precondition(values.count == count * columns, "CumulativeQuadrature: values must be [T, columns]")
    var out = [Double](repeating: 0, count: values.count)
    for i in 1..<max(count, 1) {
      for k in 0..<count where weights[i * count + k] != 0 {
        let w = weights[i * count + k]
        for l in 0..<columns { out[i * columns + l] += w * values[k * columns + l] }
      }
    }
    return out
  }

  /// I along each of several trajectories sampled at these times, for values laid out
  /// [trajectory, T, columns] (row-major): each trajectory's integral from its own start.
  public func integrate(_ values: [Double], columns: Int, trajectories: Int) -> [Double] {
    precondition(
      values.count == trajectories * count * columns,
      "CumulativeQuadrature: values must be [trajectories, T, columns]")
    let size = count * columns
    return (0..<trajectories).flatMap { t in
      integrate(Array(values[(t * size)..<((t + 1) * size)]), columns: columns)
    }
  }

  /// ∫ from a to b of each Lagrange basis polynomial of the nodes.
  static func intervalWeights(times nodes: [Double], from a: Double, to b: Double) -> [Double] {
    let centre = 0.5 * (a + b)
    let half = 0.5 * (b - a)
    let u = nodes.map { ($0 - centre) / half }  // the interval is [−1, 1] in u
    let (points, gauss) = GaussLegendre.rule(count: (nodes.count + 1) / 2 + 1)
    return u.indices.map { m in
      var sum = 0.0
      for (x, w) in zip(points, gauss) {
        var l = 1.0
        for (r, ur) in u.enumerated() where r != m { l *= (x - ur) / (u[m] - ur) }
        sum += w * l
      }
      return sum * half
    }
  }
}

/// Gauss–Legendre nodes and weights on [−1, 1], by Newton's method on Pₙ (exact for
/// polynomials of degree ≤ 2n − 1).
enum GaussLegendre {
  static func rule(count n: Int) -> (nodes: [Double], weights: [Double]) {
    var nodes = [Double](repeating: 0, count: n)
    var weights = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var x = -cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
      var derivative = 1.0
      for _ in 0..<100 {
        var (p0, p1) = (1.0, x)
        for k in 2...max(n, 2) where n >= 2 {
          (p0, p1) = (p1, ((2 * Double(k) - 1) * x * p1 - (Double(k) - 1) * p0) / Double(k))
        }
        let pn = n == 1 ? x : p1
        let pPrevious = n == 1 ? 1 : p0
        derivative = Double(n) * (x * pn - pPrevious) / (x * x - 1)
        let step = pn / derivative
        x -= step
        if abs(step) < 1e-16 { break }
      }
      nodes[i] = x
      weights[i] = 2 / ((1 - x * x) * derivative * derivative)
    }
    return (nodes, weights)
  }
}
