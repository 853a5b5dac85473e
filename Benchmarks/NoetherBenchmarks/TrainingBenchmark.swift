import Foundation
import NoetherCore
import NoetherNN
import NoetherSystems
import _Differentiation

/// The HNN-style training benchmark: H = MLP 2 → 100 → 1 (tanh), loss
/// mean ‖J∇ₓH(x) − ẋ‖² on 5000 spring-mass points, 1000 full-batch Adam epochs at
/// lr 1e-3. `--export FILE` writes the data and initial weights as JSON, so that the
/// PyTorch reference trains the identical problem.
enum TrainingBenchmark {
  static let pointCount = 5000
  static let epochs = 1000

  static func run(arguments: [String]) {
    var generator = SeededGenerator(seed: 2023)
    let system = SpringMass()
    let x = system.sampleInitialStates(count: pointCount, for: .training, using: &generator)
    var dx = system.derivatives(at: x)
    for i in dx.values.indices { dx.values[i] += 0.01 * generator.nextNormal() }
    let model = MLP(sizes: [2, 100, 1], activation: .tanh, generator: &generator)
    let states = Matrix(rows: pointCount, columns: 2, scalars: x.values)
    let targets = Matrix(rows: pointCount, columns: 2, scalars: dx.values)

    if let k = arguments.firstIndex(of: "--export"), k + 1 < arguments.count {
      let problem: [String: Any] = [
        "x": x.values, "dx": dx.values, "points": pointCount, "epochs": epochs, "lr": 1e-3,
        "w1": model.layers[0].weight.scalars, "b1": model.layers[0].bias.scalars,
        "w2": model.layers[1].weight.scalars, "b2": model.layers[1].bias.scalars,
      ]
      let data = try! JSONSerialization.data(withJSONObject: problem)
      try! data.write(to: URL(fileURLWithPath: arguments[k + 1]))
    }

    NeuralRuntime.configure(blasThreads: 1)
    var best = Double.infinity
    var finalLoss = 0.0
    for _ in 0..<3 {
      var m = model
      var adam = Adam(learningRate: 1e-3)
      let start = Date()
      for _ in 0..<epochs {
        let (loss, grad) = valueWithGradient(at: m) { m in hnnLoss(m, states, targets) }
        finalLoss = loss
        adam.update(&m, along: grad)
      }
      best = min(best, Date().timeIntervalSince(start))
    }
    // Effective work: forward, input gradient and its parameter gradient ≈ 5 GEMM-like
    // passes of N·(2·100 + 100) multiply-adds plus the elementwise work.
    FileHandle.standardError.write(
      Data("noether: \(String(format: "%.3f", best)) s, final loss \(finalLoss)\n".utf8))
    let summary: [String: Any] = ["seconds": best, "final_loss": finalLoss]
    print(String(decoding: try! JSONSerialization.data(withJSONObject: summary), as: UTF8.self))
  }

  /// mean ‖J∇ₓH − ẋ‖² with J∇H = (∂H/∂p, −∂H/∂q).
  @differentiable(reverse,wrt: model)
  static func hnnLoss(_ model: MLP, _ x: Matrix, _ dx: Matrix) -> Double {
    let g = model.inputGradient(at: x)
    let field = g.columns(1..<2).concatenatingColumns(-g.columns(0..<1))
    return (field - dx).squared().mean()
  }
}
