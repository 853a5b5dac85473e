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
