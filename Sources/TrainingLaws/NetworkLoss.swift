import NoetherCore

/// The training loss L(θ) = (1/N) Σₖ ℓ(f(θ, xₖ), yₖ) of a network on a data set, and its
/// gradient by back-propagation (exact up to round-off; tests compare it with central
/// differences).
public struct NetworkLoss: Sendable {
  /// The network.
  public let architecture: NetworkArchitecture
  /// The samples.
  public let data: TrainingData
  /// ℓ.
  public let loss: TrainingLoss

  /// - Throws: `NoetherError.invalidParameter` when the data's widths differ from the
  ///   network's, or a logistic loss is asked of more than one output.
  public init(architecture: NetworkArchitecture, data: TrainingData, loss: TrainingLoss) throws {
    guard data.inputWidth == architecture.inputWidth, data.outputWidth == architecture.outputWidth else {
      throw NoetherError.invalidParameter(
        name: "training data", value: "(\(data.inputWidth) in, \(data.outputWidth) out)",
        requirement: "must match the network's widths \(architecture.widths)")
    }
    guard loss == .mse || architecture.outputWidth == 1 else {
      throw NoetherError.invalidParameter(
        name: "--loss", value: loss.rawValue, requirement: "a logistic loss needs one output")
    }
    self.architecture = architecture
    self.data = data
    self.loss = loss
  }

  /// The same network and loss on other samples (a mini-batch).
  public func on(_ batch: TrainingData) -> NetworkLoss {
    // The batch has this data's widths.
    try! NetworkLoss(architecture: architecture, data: batch, loss: loss)
  }

  /// L(θ) and ∇L(θ).
  public func valueAndGradient(_ theta: [Double]) -> (value: Double, gradient: [Double]) {
    let net = architecture
    let widths = net.widths
    var gradient = [Double](repeating: 0, count: theta.count)
    var total = 0.0
    for k in 0..<data.count {
      // Forward: pre-activations and activations per layer.
      var activations: [[Double]] = [Array(data.inputs[(k * widths[0])..<((k + 1) * widths[0])])]
      var pre: [[Double]] = []
      for l in 0..<net.layerCount {
        let w = net.weightOffset(layer: l)
        let b = net.biasOffset(layer: l)
        let input = activations[l]
        let z = (0..<widths[l + 1]).map { i in
          (0..<widths[l]).reduce(net.hasBias ? theta[b + i] : 0) {
            $0 + theta[w + i * widths[l] + $1] * input[$1]
          }
        }
        pre.append(z)
        activations.append(l == net.layerCount - 1 ? z : z.map(net.activation.value))
      }
      let m = net.outputWidth
      let (value, slopes) = loss.valueAndSlope(
        activations[net.layerCount][...], data.targets[(k * m)..<((k + 1) * m)])
      total += value
      // Backward: δ at each layer's pre-activation.
      var delta = slopes
      for l in stride(from: net.layerCount - 1, through: 0, by: -1) {
        let w = net.weightOffset(layer: l)
        let input = activations[l]
        for i in 0..<widths[l + 1] {
          for j in 0..<widths[l] { gradient[w + i * widths[l] + j] += delta[i] * input[j] }
          if net.hasBias { gradient[net.biasOffset(layer: l) + i] += delta[i] }
        }
        if l > 0 {
          delta = (0..<widths[l]).map { j in
            (0..<widths[l + 1]).reduce(0.0) { $0 + theta[w + $1 * widths[l] + j] * delta[$1] }
              * net.activation.slope(pre[l - 1][j])
          }
        }
      }
    }
    let scale = 1 / Double(data.count)
    return (total * scale, gradient.map { $0 * scale })
  }
}
