import Foundation
import NoetherCore

/// The loss a network is trained on, averaged over the samples.
public enum TrainingLoss: String, Sendable, CaseIterable, Hashable {
  /// ℓ(f, y) = ½‖f − y‖² (mean squared error, halved).
  case mse
  /// ℓ(f, y) = log(1 + e^{−y f}) for one output and labels y = ±1.
  case logistic

  /// ℓ(f, y) and ∂ℓ/∂f for one sample's outputs `f` and targets `y`.
  func valueAndSlope(_ f: ArraySlice<Double>, _ y: ArraySlice<Double>) -> (Double, [Double]) {
    switch self {
    case .mse:
      let r = zip(f, y).map { $0 - $1 }
      return (0.5 * r.reduce(0) { $0 + $1 * $1 }, r)
    case .logistic:
      var value = 0.0
      var slopes: [Double] = []
      for (fi, yi) in zip(f, y) {
        let margin = yi * fi
        // log(1 + e^{−z}) without overflow on either side.
        value += margin > 0 ? log1p(exp(-margin)) : -margin + log1p(exp(margin))
        slopes.append(-yi / (1 + exp(margin)))
      }
      return (value, slopes)
    }
  }
}

/// Samples (xₖ, yₖ), inputs and targets row-major, one row per sample.
public struct TrainingData: Sendable, Hashable {
  /// N × n inputs.
  public var inputs: [Double]
  /// N × m targets.
  public var targets: [Double]
  /// n.
  public let inputWidth: Int
  /// m.
  public let outputWidth: Int

  /// - Throws: `NoetherError.shapeMismatch` when the arrays do not hold whole rows of the
  ///   same number of samples, `NoetherError.nonFiniteValues` for NaN or infinity.
  public init(inputs: [Double], targets: [Double], inputWidth: Int, outputWidth: Int) throws {
    let count = inputWidth > 0 ? inputs.count / inputWidth : 0
    guard inputWidth > 0, outputWidth > 0, count > 0, inputs.count == count * inputWidth,
      targets.count == count * outputWidth
    else {
      throw NoetherError.shapeMismatch(
        what: "training data", expected: [count, inputWidth, outputWidth],
        actual: [inputs.count, targets.count])
    }
    guard (inputs + targets).allSatisfy(\.isFinite) else {
      throw NoetherError.nonFiniteValues(what: "training data")
    }
    self.inputs = inputs
    self.targets = targets
    self.inputWidth = inputWidth
    self.outputWidth = outputWidth
  }

  /// N.
  public var count: Int { inputs.count / inputWidth }

  /// The samples at `indices`, in that order (a mini-batch).
  public func batch(_ indices: [Int]) -> TrainingData {
    let n = inputWidth
    let m = outputWidth
    // Rows of a valid set: the shapes hold by construction.
    return try! TrainingData(
      inputs: indices.flatMap { inputs[($0 * n)..<($0 * n + n)] },
      targets: indices.flatMap { targets[($0 * m)..<($0 * m + m)] }, inputWidth: n, outputWidth: m)
  }

  /// `count` samples with normal inputs (standard deviation `inputScale`) and targets
  /// y = T x + noise, T a fixed random m × n teacher (MSE), or the signs of T x (logistic,
  /// m = 1).
  public static func teacher(
    count: Int, architecture: NetworkArchitecture, loss: TrainingLoss, noise: Double = 0.1,
    inputScale: Double = 1, using generator: inout SeededGenerator
  ) -> TrainingData {
    let n = architecture.inputWidth
    let m = architecture.outputWidth
    let teacher = (0..<(m * n)).map { _ in generator.nextNormal() / Double(n).squareRoot() }
    var inputs: [Double] = []
    var targets: [Double] = []
    for _ in 0..<count {
      let x = (0..<n).map { _ in inputScale * generator.nextNormal() }
      inputs += x
      for i in 0..<m {
        let clean = (0..<n).reduce(0.0) { $0 + teacher[i * n + $1] * x[$1] }
        let noisy = clean + noise * generator.nextNormal()
        targets.append(loss == .logistic ? (noisy >= 0 ? 1 : -1) : noisy)
      }
    }
    return try! TrainingData(inputs: inputs, targets: targets, inputWidth: n, outputWidth: m)
  }
}
