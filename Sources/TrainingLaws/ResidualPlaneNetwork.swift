import Foundation
import NoetherCore

/// A residual network of the plane, depth as time: x_l = x_{l−1} + W₂ˡ tanh(W₁ˡ x_{l−1} + b₁ˡ),
/// l = 1 … L, x ∈ ℝ², trained so that x_L lands on each sample's destination
/// (L(θ) = (1/N) Σₖ ½‖x_L(xₖ) − yₖ‖²).
///
/// The family of blocks is translation-equivariant ("Noether equivariance", Gadzinski):
/// a block at x + c equals the block with b₁ + W₁c at x, plus c. Hence the adjoints
/// pₗ = ∂L/∂x_l summed over the samples change through a block by exactly
/// Σ p_{l−1} − Σ p_l = W₁ˡᵀ ∂L/∂b₁ˡ, which vanishes where training has made L stationary
/// in b₁: the summed adjoint is then conserved through depth.
public struct ResidualPlaneNetwork: Sendable {
  /// Number of blocks L.
  public let depth: Int
  /// Hidden width of each block.
  public let width: Int

  public init(depth: Int, width: Int) {
    self.depth = depth
    self.width = width
  }

  /// Parameters per block: W₁ (width × 2), b₁ (width), W₂ (2 × width).
  public var blockSize: Int { 5 * width }
  /// D.
  public var parameterCount: Int { depth * blockSize }

  /// Small random parameters (W₂ scaled by 0.1/√width so that each block starts near the
  /// identity).
  public func randomParameters(using generator: inout SeededGenerator) -> [Double] {
    var theta: [Double] = []
    for _ in 0..<depth {
      theta += (0..<(2 * width)).map { _ in generator.nextNormal() / 2.0.squareRoot() }
      theta += (0..<width).map { _ in 0.1 * generator.nextNormal() }
      theta += (0..<(2 * width)).map { _ in 0.1 * generator.nextNormal() / Double(width).squareRoot() }
    }
    return theta
  }

  /// Everything one pass computes for one sample: the states, the adjoints and the loss.
  public struct Pass: Sendable {
    /// x₀ … x_L.
    public var states: [[Double]]
    /// p₀ … p_L, each ∂L/∂x_l (the sample's share of the mean loss).
    public var adjoints: [[Double]]
    /// ½‖x_L − y‖².
    public var loss: Double
  }

  /// The forward pass, the loss, the adjoints and (added into `gradient`) ∇_θ of this
  /// sample's loss scaled by `weight`.
  public func pass(
    _ theta: [Double], input: [Double], target: [Double], weight: Double, gradient: inout [Double]
  )
    -> Pass
  {
    var states = [input]
    var slopes: [[Double]] = []
    var activations: [[Double]] = []
    for l in 0..<depth {
      let o = l * blockSize
      let x = states[l]
      var a = [Double](repeating: 0, count: width)
      var s = [Double](repeating: 0, count: width)
      for j in 0..<width {
        let t = tanh(theta[o + 2 * j] * x[0] + theta[o + 2 * j + 1] * x[1] + theta[o + 2 * width + j])
        a[j] = t
        s[j] = 1 - t * t
      }
      var next = x
      for i in 0..<2 {
        for j in 0..<width { next[i] += theta[o + 3 * width + i * width + j] * a[j] }
      }
      states.append(next)
      slopes.append(s)
      activations.append(a)
    }
    let residual = zip(states[depth], target).map { $0 - $1 }
    var adjoints = [[Double]](repeating: [0, 0], count: depth + 1)
    adjoints[depth] = residual.map { weight * $0 }
    for l in stride(from: depth - 1, through: 0, by: -1) {
      let o = l * blockSize
      let p = adjoints[l + 1]
      let x = states[l]
      // δ = diag(1 − tanh²) W₂ᵀ p: the adjoint of the block's pre-activation (∂L/∂b₁).
      let delta = (0..<width).map { j in
        slopes[l][j] * (theta[o + 3 * width + j] * p[0] + theta[o + 3 * width + width + j] * p[1])
      }
      var previous = p
      for j in 0..<width {
        gradient[o + 2 * j] += delta[j] * x[0]
        gradient[o + 2 * j + 1] += delta[j] * x[1]
        gradient[o + 2 * width + j] += delta[j]
        gradient[o + 3 * width + j] += p[0] * activations[l][j]
        gradient[o + 3 * width + width + j] += p[1] * activations[l][j]
        previous[0] += theta[o + 2 * j] * delta[j]
        previous[1] += theta[o + 2 * j + 1] * delta[j]
      }
      adjoints[l] = previous
    }
    return Pass(states: states, adjoints: adjoints, loss: 0.5 * residual.reduce(0) { $0 + $1 * $1 })
  }

  /// L(θ), ∇L(θ) and every sample's pass, on samples `inputs` → `targets` (pairs in ℝ²).
  public func evaluate(_ theta: [Double], inputs: [[Double]], targets: [[Double]]) -> (
    loss: Double, gradient: [Double], passes: [Pass]
  ) {
    var gradient = [Double](repeating: 0, count: parameterCount)
    let weight = 1 / Double(inputs.count)
    let passes = zip(inputs, targets).map {
      pass(theta, input: $0, target: $1, weight: weight, gradient: &gradient)
    }
    return (passes.reduce(0) { $0 + $1.loss } * weight, gradient, passes)
  }

  /// W₁ˡᵀ ∂L/∂b₁ˡ for block l (0-based), from the gradient.
  public func predictedAdjointChange(_ theta: [Double], gradient: [Double], block l: Int) -> [Double] {
    let o = l * blockSize
    return (0..<2).map { i in
      (0..<width).reduce(0) { $0 + theta[o + 2 * $1 + i] * gradient[o + 2 * width + $1] }
    }
  }
}
