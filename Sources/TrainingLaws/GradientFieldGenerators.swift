import NoetherCore

/// The fields whose span is the functional space W of a two-layer network's gradient
/// flows (Marcotte, Gribonval and Peyré 2023): ∇_θ fᵢ(θ; x) for every output i and
/// input x, whatever the loss and data (∇L = Σₖ ∇_θ f(θ; xₖ)ᵀ ∂ℓ/∂f).
///
/// For f = W₂ σ(W₁x + b₁) + b₂ with σ linear, or ReLU on a fixed activation pattern s,
/// ∇_θ fᵢ is linear in the augmented input (x, 1) and affine in θ:
/// ∂fᵢ/∂W₁[j,k] = W₂[i,j] sⱼ xₖ, ∂fᵢ/∂W₂[i,j] = sⱼ (W₁x + b₁)ⱼ, ∂fᵢ/∂b₂[i] = 1.
/// So W is spanned by one affine field per (pattern, input coordinate, output).
public struct GradientFieldGenerators: Sendable {
  /// The network.
  public let architecture: NetworkArchitecture
  /// The hidden activation patterns used (one for a linear network): for a ReLU network
  /// those that some input reaches at the generic θ.
  public let patterns: [[Bool]]
  /// The generators, each on ℝᴰ.
  public let fields: [AffineField]

  /// Inputs drawn to find a ReLU network's reachable activation patterns.
  static let patternProbes = 4096

  /// - Throws: `NoetherError.invalidParameter` unless the network has one hidden layer
  ///   and a linear or ReLU activation (other fields are not affine).
  public init(architecture: NetworkArchitecture, at theta: [Double], using generator: inout SeededGenerator)
    throws
  {
    guard architecture.layerCount == 2, architecture.activation != .tanh else {
      throw NoetherError.invalidParameter(
        name: "network", value: architecture.description,
        requirement:
          "the affine enumeration takes one hidden layer, linear or relu (n,r,m); `count` takes deeper and tanh networks by exact brackets, for gradient flow only"
      )
    }
    self.architecture = architecture
    let r = architecture.widths[1]
    if architecture.activation == .linear {
      patterns = [[Bool](repeating: true, count: r)]
    } else {
      patterns = Self.reachablePatterns(architecture, theta, &generator)
    }
    let slots = architecture.inputWidth + (architecture.hasBias ? 1 : 0)
    var fields: [AffineField] = []
    for pattern in patterns {
      for k in 0..<slots {
        for i in 0..<architecture.outputWidth {
          fields.append(Self.field(architecture, pattern: pattern, slot: k, output: i))
        }
      }
    }
    self.fields = fields
  }

  /// The field ∂fᵢ/∂θ for the input coordinate `slot` (the last slot is the constant 1
  /// of a network with biases) on the activation pattern.
  static func field(_ net: NetworkArchitecture, pattern: [Bool], slot k: Int, output i: Int) -> AffineField {
    let n = net.inputWidth
    let r = net.widths[1]
    let w1 = net.weightOffset(layer: 0)
    let b1 = net.biasOffset(layer: 0)
    let w2 = net.weightOffset(layer: 1)
    let b2 = net.biasOffset(layer: 1)
    let d = net.parameterCount
    var field = AffineField(dimension: d)
    let isBiasSlot = k == n
    for j in 0..<r where pattern[j] {
      let firstLayer = isBiasSlot ? b1 + j : w1 + j * n + k
      // ∂fᵢ/∂(W₁[j,k] or b₁[j]) = W₂[i,j]; ∂fᵢ/∂W₂[i,j] gains W₁[j,k] (or b₁[j]).
      field.matrix[firstLayer * d + (w2 + i * r + j)] = 1
      field.matrix[(w2 + i * r + j) * d + firstLayer] = 1
    }
    if isBiasSlot { field.offset[b2 + i] = 1 }
    return field
  }

  /// The activation patterns of inputs drawn at random (and of the inputs' negatives).
  private static func reachablePatterns(
    _ net: NetworkArchitecture, _ theta: [Double], _ generator: inout SeededGenerator
  ) -> [[Bool]] {
    let n = net.inputWidth
    let r = net.widths[1]
    var seen: Set<[Bool]> = []
    var ordered: [[Bool]] = []
    let w1 = net.weightOffset(layer: 0)
    let b1 = net.biasOffset(layer: 0)
    for _ in 0..<patternProbes {
      let x = (0..<n).map { _ in generator.nextNormal() }
      var pattern: [Bool] = []
      for j in 0..<r {
        var pre: Double = net.hasBias ? theta[b1 + j] : 0
        for k in 0..<n { pre += theta[w1 + j * n + k] * x[k] }
        pattern.append(pre > 0)
      }
      if seen.insert(pattern).inserted { ordered.append(pattern) }
    }
    return ordered
  }
}
