import Foundation
import NoetherCore

/// A discrete training rule θₖ₊₁ = θₖ − η uₖ, uₖ its update direction from the gradient
/// gₖ = ∇L_B(θₖ) + λθₖ (the batch loss plus weight decay λ).
public enum Optimiser: Sendable, Hashable, CustomStringConvertible {
  /// u = g on the whole data set.
  case gradientDescent
  /// u = g on a mini-batch of `batch` samples, batches drawn without replacement per epoch.
  case stochastic(batch: Int)
  /// v ← βv + g, u = v (heavy ball, PyTorch's convention).
  case heavyBall(momentum: Double)
  /// Adam (Kingma and Ba) with bias correction: u = m̂ / (√ŝ + ε).
  case adam(beta1: Double, beta2: Double, epsilon: Double)

  /// For example `sgd (batch 4)`.
  public var description: String {
    switch self {
    case .gradientDescent: return "gd"
    case .stochastic(let batch): return "sgd (batch \(batch))"
    case .heavyBall(let beta): return "heavy ball (β \(beta))"
    case .adam: return "adam"
    }
  }

  /// A short identifier for files and JSON (`gd`, `sgd`, `heavy-ball`, `adam`).
  public var key: String {
    switch self {
    case .gradientDescent: return "gd"
    case .stochastic: return "sgd"
    case .heavyBall: return "heavy-ball"
    case .adam: return "adam"
    }
  }
}

/// The optimiser's state between steps: the heavy ball's velocity, Adam's moments.
struct OptimiserState {
  var velocity: [Double]
  var secondMoment: [Double]
  var step = 0

  init(parameters d: Int) {
    velocity = [Double](repeating: 0, count: d)
    secondMoment = [Double](repeating: 0, count: d)
  }

  /// The update direction u for gradient g, advancing the state.
  mutating func update(_ optimiser: Optimiser, gradient g: [Double]) -> [Double] {
    step += 1
    switch optimiser {
    case .gradientDescent, .stochastic:
      return g
    case .heavyBall(let beta):
      for a in g.indices { velocity[a] = beta * velocity[a] + g[a] }
      return velocity
    case .adam(let beta1, let beta2, let epsilon):
      let c1 = 1 - pow(beta1, Double(step))
      let c2 = 1 - pow(beta2, Double(step))
      var u = g
      for a in g.indices {
        velocity[a] = beta1 * velocity[a] + (1 - beta1) * g[a]
        secondMoment[a] = beta2 * secondMoment[a] + (1 - beta2) * g[a] * g[a]
        u[a] = (velocity[a] / c1) / ((secondMoment[a] / c2).squareRoot() + epsilon)
      }
      return u
    }
  }
}
