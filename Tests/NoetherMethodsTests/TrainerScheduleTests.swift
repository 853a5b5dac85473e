import NoetherCore
import NoetherLearning
import NoetherNN
import Testing
import _Differentiation

@Suite struct TrainerScheduleTests {
  @Test func theLastQuarterUsesTheDroppedRate() {
    let settings = TrainingSettings(epochs: 100, learningRate: 1e-3, finalLearningRateFactor: 0.1)
    #expect(settings.learningRate(atEpoch: 0) == 1e-3 && settings.learningRate(atEpoch: 74) == 1e-3)
    #expect(abs(settings.learningRate(atEpoch: 75) - 1e-4) < 1e-18)
    #expect(abs(settings.learningRate(atEpoch: 99) - 1e-4) < 1e-18)
    #expect(TrainingSettings(epochs: 100).learningRate(atEpoch: 99) == 1e-3)
  }

  /// Noisy linear regression with small batches: the last iterate of constant-rate Adam
  /// jitters around the least-squares solution; dropping the rate for the last quarter
  /// brings it closer.
  @Test func aDropSettlesAdamsLastIterate() throws {
    var g = SeededGenerator(seed: 11)
    let n = 200
    let xs = (0..<n).map { _ in g.uniform(-1, 1) }
    let ys = xs.map { 2 * $0 + 1 + 0.1 * g.nextNormal() }
    // The least-squares line.
    let mx = xs.reduce(0, +) / Double(n)
    let my = ys.reduce(0, +) / Double(n)
    var sxy = 0.0
    var sxx = 0.0
    for (a, b) in zip(xs, ys) {
      sxy += (a - mx) * (b - my)
      sxx += (a - mx) * (a - mx)
    }
    let slope = sxy / sxx
    let intercept = my - slope * mx
    let x = Matrix(rows: n, columns: 1, scalars: xs)
    let y = Matrix(rows: n, columns: 1, scalars: ys)
    func distance(factor: Double) throws -> Double {
      let settings = TrainingSettings(
        epochs: 200, batchSize: 5, learningRate: 3e-2, finalLearningRateFactor: factor, seed: 5)
      var generator = SeededGenerator(seed: 5)
      var model = MLP(sizes: [1, 1], generator: &generator)
      try Trainer(settings: settings, method: "test").train(
        &model, batches: .points(n, batchSize: 5), phase: "fit", generator: &generator
      ) { m, batch in
        let xb = x.gatheringRows(batch)
        let yb = y.gatheringRows(batch)
        return valueWithGradient(at: m) { m in (m(xb) - yb).squared().sum() }
      }
      let line = model(Matrix(rows: 2, columns: 1, scalars: [0, 1])).scalars
      return abs(line[0] - intercept) + abs(line[1] - line[0] - slope)
    }
    let constant = try distance(factor: 1)
    let dropped = try distance(factor: 0.1)
    #expect(dropped < constant / 3, "distance to the least-squares line: \(dropped) vs \(constant)")
  }
}
