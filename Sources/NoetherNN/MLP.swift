import NoetherCore
import _Differentiation

/// A multilayer perceptron x ↦ W_L σ(… σ(x W₁ + b₁) …) + b_L with a linear output
/// layer, any depth, tanh or ReLU hidden activations.
///
/// The reference networks of the ConCerNet paper are `MLP(sizes: [d, 100, 100, out])`.
public struct MLP: Differentiable, Sendable {
  /// The layers, input first.
  public var layers: [Dense]
  /// The hidden-layer activation.
  @noDerivative public let activation: Activation

  /// - Parameters:
  ///   - sizes: layer widths, input first: `[2, 100, 1]` is 2 → 100 → 1.
  ///   - activation: the hidden nonlinearity.
  ///   - generator: draws PyTorch-style initial weights, layer by layer.
  public init(sizes: [Int], activation: Activation = .tanh, generator: inout SeededGenerator) {
    precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "MLP: need at least two positive sizes")
    var layers = [Dense]()
    for k in 0..<(sizes.count - 1) {
      layers.append(Dense(inputs: sizes[k], outputs: sizes[k + 1], generator: &generator))
    }
    self.layers = layers
    self.activation = activation
  }

  /// An MLP from given layers.
  public init(layers: [Dense], activation: Activation) {
    precondition(!layers.isEmpty, "MLP: need at least one layer")
    for k in 1..<layers.count {
      precondition(
        layers[k].inputCount == layers[k - 1].outputCount, "MLP: layer \(k) does not fit the one before")
    }
    self.layers = layers
    self.activation = activation
  }

  /// The input width.
  public var inputCount: Int { layers[0].inputCount }
  /// The output width.
  public var outputCount: Int { layers[layers.count - 1].outputCount }
  /// Layer widths, input first.
  public var sizes: [Int] { [inputCount] + layers.map(\.outputCount) }

  /// The network applied to every row of x.
  @differentiable(reverse)
  public func callAsFunction(_ x: Matrix) -> Matrix {
    var h = x
    let last = withoutDerivative(at: layers.count) - 1
    for k in 0..<withoutDerivative(at: layers.count) {
      h = layers[k](h)
      if k < last { h = h.activated(by: activation) }
    }
    return h
  }
}

// MARK: - Parameters

extension MLP: ParameterContainer {
  /// Every weight and bias, layer by layer (weight then bias).
  public var parameters: [Matrix] {
    get { layers.flatMap { [$0.weight, $0.bias] } }
    set {
      precondition(newValue.count == 2 * layers.count, "MLP.parameters: wrong count")
      for k in layers.indices {
        layers[k].weight = newValue[2 * k]
        layers[k].bias = newValue[2 * k + 1]
      }
    }
  }
}

extension MLP: Trainable {
  /// The gradient of every weight and bias, in the order of `parameters`; empty for
  /// the symbolic zero, 0×0 entries, one per parameter.
  public func parameterGradients(of gradient: TangentVector) -> [Matrix] {
    let all = gradient.layers.base.flatMap { [$0.weight, $0.bias] }
    return all.isEmpty ? [Matrix](repeating: .zero, count: 2 * layers.count) : all
  }
}
