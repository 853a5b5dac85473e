import CKernels
import _Differentiation

/// Adam (Kingma & Ba 2015) with bias correction and optional L2 weight decay, in
/// PyTorch's arithmetic order (`torch.optim.Adam`), so that runs can be compared:
///
///   g ← g + λθ;  m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;
///   θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
public struct Adam: Sendable {
  public var learningRate: Double
  public var beta1: Double
  public var beta2: Double
  public var epsilon: Double
  /// λ, the L2 weight decay added to the gradient (0: none).
  public var weightDecay: Double
  /// Steps taken.
  public private(set) var step = 0
  private var firstMoments: [Matrix] = []
  private var secondMoments: [Matrix] = []

  public init(
    learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  /// One Adam step on `model` along `gradient` (a symbolic zero counts as zeros).
  public mutating func update<Model: Trainable>(_ model: inout Model, along gradient: Model.TangentVector) {
    var parameters = model.parameters
    update(&parameters, gradients: model.parameterGradients(of: gradient))
    model.parameters = parameters
  }

  /// One Adam step on a list of parameter matrices.
  public mutating func update(_ parameters: inout [Matrix], gradients: [Matrix]) {
    if firstMoments.isEmpty {
      firstMoments = parameters.map(\.zerosLike)
      secondMoments = parameters.map(\.zerosLike)
    }
    precondition(firstMoments.count == parameters.count, "Adam: the model's parameter count changed")
    step += 1
    let correction1 = 1 - pow(beta1, Double(step))
    let correction2Root = (1 - pow(beta2, Double(step))).squareRoot()
    let stepSize = learningRate / correction1
    let (b1, b2, eps, decay) = (beta1, beta2, epsilon, weightDecay)
    for k in parameters.indices {
      let g = k < gradients.count ? gradients[k] : .zero
      let n = parameters[k].scalars.count
      precondition(g.isSymbolicZero || g.scalars.count == n, "Adam: gradient \(k) has the wrong shape")
      parameters[k].scalars.withUnsafeMutableBufferPointer { p in
        firstMoments[k].scalars.withUnsafeMutableBufferPointer { m in
          secondMoments[k].scalars.withUnsafeMutableBufferPointer { v in
            g.scalars.withUnsafeBufferPointer { gp in
              noether_adam_update(
                p.baseAddress, m.baseAddress, v.baseAddress, g.isSymbolicZero ? nil : gp.baseAddress, n, b1,
                b2, eps,
                stepSize, correction2Root, decay)
            }
          }
        }
      }
    }
  }
}

#if canImport(Glibc)
  import Glibc
#endif
