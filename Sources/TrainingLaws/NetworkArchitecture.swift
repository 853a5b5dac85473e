import Foundation
import NoetherCore

/// The activation of a network's hidden layers (the output layer is linear).
public enum HiddenActivation: String, Sendable, CaseIterable, Hashable {
  /// σ(a) = a: a deep linear network, f(x) = W_L ⋯ W₁ x.
  case linear
  /// σ(a) = max(a, 0), positively homogeneous: one rescaling symmetry per hidden neuron.
  case relu
  /// σ(a) = tanh a: analytic, not homogeneous.
  case tanh

  /// σ(a).
  func value(_ a: Double) -> Double {
    switch self {
    case .linear: return a
    case .relu: return a > 0 ? a : 0
    case .tanh: return Foundation.tanh(a)
    }
  }

  /// σ′(a), with σ′(0) = 0 for the ReLU.
  func slope(_ a: Double) -> Double {
    switch self {
    case .linear: return 1
    case .relu: return a > 0 ? 1 : 0
    case .tanh:
      let t = Foundation.tanh(a)
      return 1 - t * t
    }
  }
}

/// A fully connected network x ↦ W_L σ(⋯ σ(W₁x + b₁) ⋯) + b_L with widths (n, h₁, …, m):
/// the parameter vector θ lists, layer by layer, Wₗ row-major (out × in) and then bₗ
/// when the network has biases.
public struct NetworkArchitecture: Sendable, Hashable, CustomStringConvertible {
  /// Widths from the input to the output, at least two.
  public let widths: [Int]
  /// The hidden layers' activation.
  public let activation: HiddenActivation
  /// Whether every layer has a bias.
  public let hasBias: Bool

  /// - Throws: `NoetherError.invalidParameter` unless there are at least two widths,
  ///   each at least 1.
  public init(widths: [Int], activation: HiddenActivation, hasBias: Bool = false) throws {
    guard widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else {
      throw NoetherError.invalidParameter(
        name: "--widths", value: widths.map(String.init).joined(separator: ","),
        requirement: "give two or more widths, each at least 1, input first (for example 3,2,2)")
    }
    self.widths = widths
    self.activation = activation
    self.hasBias = hasBias
  }

  /// The number of weight layers.
  public var layerCount: Int { widths.count - 1 }
  /// Input width n.
  public var inputWidth: Int { widths[0] }
  /// Output width m.
  public var outputWidth: Int { widths[widths.count - 1] }

  /// Where layer `l` (0-based) starts in θ: its weights, then its bias.
  public func weightOffset(layer l: Int) -> Int {
    (0..<l).reduce(0) { $0 + widths[$1 + 1] * widths[$1] + (hasBias ? widths[$1 + 1] : 0) }
  }

  /// Where layer `l`'s bias starts in θ (meaningful only with biases).
  public func biasOffset(layer l: Int) -> Int { weightOffset(layer: l) + widths[l + 1] * widths[l] }

  /// D, the length of θ.
  public var parameterCount: Int { weightOffset(layer: layerCount) }

  /// One name per parameter, 1-based as in the papers: `W1[2,3]` is row 2, column 3 of W₁.
  public var parameterNames: [String] {
    var names: [String] = []
    for l in 0..<layerCount {
      for i in 1...widths[l + 1] {
        for j in 1...widths[l] { names.append("W\(l + 1)[\(i),\(j)]") }
      }
      if hasBias { names += (1...widths[l + 1]).map { "b\(l + 1)[\($0)]" } }
    }
    return names
  }

  /// For example `linear (3,2,2)` or `relu (3,2,2) with biases`.
  public var description: String {
    "\(activation.rawValue) (\(widths.map(String.init).joined(separator: ",")))"
      + (hasBias ? " with biases" : "")
  }

  /// θ with independent normal entries scaled by 1/√(fan-in), drawn from `generator`.
  public func randomParameters(using generator: inout SeededGenerator) -> [Double] {
    var theta = [Double](repeating: 0, count: parameterCount)
    for l in 0..<layerCount {
      let scale = 1 / Double(widths[l]).squareRoot()
      let start = weightOffset(layer: l)
      let end = weightOffset(layer: l + 1)
      for k in start..<end { theta[k] = scale * generator.nextNormal() }
    }
    return theta
  }
}
