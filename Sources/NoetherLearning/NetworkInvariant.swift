import NoetherCore
import NoetherNN

/// An MLP g: Rⁿ → Rᵐ used as a set of m invariants, with batched values and
/// input-gradients (one fused ∇ₓ per output).
public struct NetworkInvariant: InvariantFunction {
  public let network: MLP
  /// One scalar network per output, sharing the hidden layers' weights.
  private let components: [MLP]

  public init(_ network: MLP) {
    self.network = network
    self.components = (0..<network.outputCount).map { network.selectingOutput($0) }
  }

  /// The invariants of scalar networks side by side (`MLP.stacking`); gradients then run
  /// each small network instead of the stacked one once per output.
  public init(stacking networks: [MLP]) {
    precondition(
      networks.allSatisfy { $0.outputCount == 1 }, "NetworkInvariant(stacking:) takes scalar networks")
    self.network = MLP.stacking(networks)
    self.components = networks
  }

  public var inputDimension: Int { network.inputCount }
  public var invariantCount: Int { network.outputCount }

  public func values(at states: StateBatch) -> [Double] {
    network(Matrix(rows: states.count, columns: states.dimension, scalars: states.values)).scalars
  }

  public func gradients(at states: StateBatch) -> [Double] {
    let x = Matrix(rows: states.count, columns: states.dimension, scalars: states.values)
    let perOutput = components.map { $0.inputGradient(at: x) }
    let (m, n) = (invariantCount, inputDimension)
    var out = [Double](repeating: 0, count: states.count * m * n)
    for (k, g) in perOutput.enumerated() {
      for i in 0..<states.count { for j in 0..<n { out[(i * m + k) * n + j] = g.scalars[i * n + j] } }
    }
    return out
  }
}

extension MLP {
  /// The scalar network computing output k alone (same hidden layers).
  public func selectingOutput(_ k: Int) -> MLP {
    precondition(k >= 0 && k < outputCount, "selectingOutput: no output \(k)")
    var copy = layers
    let last = copy[copy.count - 1]
    copy[copy.count - 1] = Dense(
      weight: last.weight.columns(k..<(k + 1)), bias: last.bias.columns(k..<(k + 1)))
    return MLP(layers: copy, activation: activation)
  }
}

extension MLP {
  /// One network computing the outputs of all `networks` side by side: x ↦ (f₁(x), …,
  /// f_k(x)), exactly. Each layer's weights are placed block-diagonally (the first
  /// layer's side by side), so hidden widths add up and no unit mixes two networks.
  /// - Precondition: the networks share inputs, depth and activation.
  public static func stacking(_ networks: [MLP]) -> MLP {
    precondition(!networks.isEmpty, "MLP.stacking: no networks")
    let first = networks[0]
    precondition(
      networks.allSatisfy {
        $0.inputCount == first.inputCount && $0.layers.count == first.layers.count
          && $0.activation == first.activation
      }, "MLP.stacking: the networks differ in inputs, depth or activation")
    let layers = first.layers.indices.map { k -> Dense in
      let parts = networks.map { $0.layers[k] }
      let rows = k == 0 ? first.inputCount : parts.map(\.inputCount).reduce(0, +)
      let columns = parts.map(\.outputCount).reduce(0, +)
      var weight = Matrix(rows: rows, columns: columns)
      var bias = Matrix(rows: 1, columns: columns)
      var (row0, column0) = (0, 0)
      for part in parts {
        for i in 0..<part.inputCount {
          for j in 0..<part.outputCount {
            weight.scalars[(row0 + i) * columns + column0 + j] = part.weight.scalars[i * part.outputCount + j]
          }
        }
        for j in 0..<part.outputCount { bias.scalars[column0 + j] = part.bias.scalars[j] }
        if k > 0 { row0 += part.inputCount }
        column0 += part.outputCount
      }
      return Dense(weight: weight, bias: bias)
    }
    return MLP(layers: layers, activation: first.activation)
  }
}
