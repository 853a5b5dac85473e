import NoetherCore
import _Differentiation

extension Matrix {
  /// σ(x) for every element.
  @differentiable(reverse)
  public func activated(by activation: Activation) -> Matrix {
    switch activation {
    case .tanh: return tanh()
    case .relu: return relu()
    }
  }

  /// σ′(x) for every element.
  @differentiable(reverse)
  public func activationDerivative(_ activation: Activation) -> Matrix {
    switch activation {
    case .tanh: return tanhDerivative()
    case .relu: return reluDerivative()
    }
  }

  /// σ″(x) for every element (zero for ReLU).
  @differentiable(reverse)
  public func activationSecondDerivative(_ activation: Activation) -> Matrix {
    switch activation {
    case .tanh: return tanhSecondDerivative()
    case .relu: return 0 * reluDerivative()
    }
  }
}
