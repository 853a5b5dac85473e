import NoetherCore

/// One output of a network at one input, fᵢ(θ; x), as an analytic function of θ: any
/// depth, linear, ReLU (on the real part's sign) or tanh hidden layers, with or without
/// biases. Its gradients over inputs and outputs span the functional space W of every
/// gradient flow of the network (Marcotte, Gribonval and Peyré).
public struct NetworkOutput: AnalyticLoss {
  /// The network.
  public let architecture: NetworkArchitecture
  /// x.
  public let input: [Double]
  /// i.
  public let output: Int

  public init(architecture: NetworkArchitecture, input: [Double], output: Int) {
    self.architecture = architecture
    self.input = input
    self.output = output
  }

  /// D.
  public var dimension: Int { architecture.parameterCount }

  /// fᵢ(θ; x).
  public func value<T: FieldScalar>(at theta: [T]) -> T {
    let net = architecture
    var activation = input.map { T($0) }
    for l in 0..<net.layerCount {
      let w = net.weightOffset(layer: l)
      let b = net.biasOffset(layer: l)
      let width = net.widths[l]
      let last = l == net.layerCount - 1
      let rows = last ? [output] : Array(0..<net.widths[l + 1])
      activation = rows.map { i in
        var z = net.hasBias ? theta[b + i] : T(0)
        for j in 0..<width { z = z + theta[w + i * width + j] * activation[j] }
        return last ? z : Self.activate(z, net.activation)
      }
      if last { return activation[0] }
    }
    return activation[0]
  }

  /// σ(z) in any `FieldScalar`.
  static func activate<T: FieldScalar>(_ z: T, _ activation: HiddenActivation) -> T {
    switch activation {
    case .linear: return z
    case .relu: return z.real > 0 ? z : T(0)
    case .tanh:
      let e = T.exponential(z + z)
      return (e - T(1)) / (e + T(1))
    }
  }
}

/// The count of a network's gradient-flow laws by exact brackets, for networks whose
/// fields are not affine (deeper ones, tanh): W spanned by ∇_θ fᵢ(θ; xₖ) at 2D + 2 random
/// inputs, its trace by `AnalyticLieTrace`.
public struct BracketCount: Sendable {
  /// The network.
  public let architecture: NetworkArchitecture
  /// The trace computation.
  public let trace: AnalyticLieTrace
  /// D − rank.
  public var count: Int { architecture.parameterCount - trace.rank }

  /// The most parameters counted by exact brackets (relu (2,5,2), 20 parameters, takes
  /// about two minutes).
  public static let largest = 20

  /// Counts at a generic θ drawn from `seed`, words told apart at `probes` further points.
  /// - Throws: `NoetherError.invalidParameter` beyond `largest` parameters.
  public init(
    _ architecture: NetworkArchitecture, probes: Int = 6, seed: UInt64 = 2023,
    progress: (@Sendable (Int, Int, Int) -> Void)? = nil
  ) throws {
    guard architecture.parameterCount <= Self.largest else {
      throw NoetherError.invalidParameter(
        name: "--widths", value: architecture.widths.map(String.init).joined(separator: ","),
        requirement:
          "exact brackets take networks of at most \(Self.largest) parameters (this one has \(architecture.parameterCount)); each bracket level costs four times the one before"
      )
    }
    var generator = SeededGenerator(seed: seed)
    let theta = architecture.randomParameters(using: &generator).map { $0 + 0.1 * generator.nextNormal() }
    let d = architecture.parameterCount
    var fields: [any AnalyticField] = []
    for _ in 0..<(2 * d + 2) {
      let x = (0..<architecture.inputWidth).map { _ in generator.nextNormal() }
      for i in 0..<architecture.outputWidth {
        fields.append(NegativeGradient(NetworkOutput(architecture: architecture, input: x, output: i)))
      }
    }
    self.architecture = architecture
    trace = AnalyticLieTrace(generators: fields, at: theta, probes: probes, seed: seed, progress: progress)
  }
}
