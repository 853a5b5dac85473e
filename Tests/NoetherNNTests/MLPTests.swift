import NoetherCore
import NoetherNN
import Testing
import _Differentiation

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct MLPTests {
  @Test func initialisationFollowsPyTorchBoundsAndSeeds() {
    var g1 = SeededGenerator(seed: 1)
    var g2 = SeededGenerator(seed: 1)
    let a = MLP(sizes: [4, 100, 1], generator: &g1)
    let b = MLP(sizes: [4, 100, 1], generator: &g2)
    #expect(a.parameters == b.parameters)
    #expect(a.layers[0].weight.scalars.allSatisfy { abs($0) <= 0.5 })  // 1/√4
    #expect(a.layers[1].weight.scalars.allSatisfy { abs($0) <= 0.1 })  // 1/√100
    #expect(a.layers[1].weight.scalars.map(abs).max()! > 0.09)
    #expect(a.sizes == [4, 100, 1])
  }

  @Test(arguments: [Activation.tanh, .relu]) func inputGradientMatchesFiniteDifferences(
    _ activation: Activation
  ) {
    var g = SeededGenerator(seed: 3)
    let model = MLP(sizes: [3, 16, 12, 1], activation: activation, generator: &g)
    let x = randomMatrix(6, 3, &g)
    let grad = model.inputGradient(at: x)
    for i in 0..<x.rows {
      let row = x.rows(i..<(i + 1))
      let fd = finiteDifferenceGradient({ model($0).sum() }, at: row)
      #expect(relativeError(grad.rows(i..<(i + 1)), fd) < 1e-7)
    }
    let (value, same) = model.valueAndInputGradient(at: x)
    #expect(same == grad && relativeError(value, model(x)) < 1e-15)
  }

  @Test func jacobianVectorProductAndJetsMatchFiniteDifferences() {
    var g = SeededGenerator(seed: 4)
    let model = MLP(sizes: [2, 20, 20, 3], generator: &g)
    let x = randomMatrix(5, 2, &g)
    let d = randomMatrix(5, 2, &g)
    let h = 1e-4
    let plus = model(x + h * d)
    let minus = model(x - h * d)
    let centre = model(x)
    let firstFD = (1 / (2 * h)) * (plus - minus)
    let secondFD = (1 / (h * h)) * (plus - 2 * centre + minus)
    let jvp = model.jacobianVectorProduct(at: x, direction: d)
    let jet = model.jet(at: x, direction: d)
    #expect(relativeError(jvp, firstFD) < 1e-7)
    #expect(relativeError(jet.tangent, firstFD) < 1e-7)
    #expect(relativeError(jet.second, secondFD) < 1e-5)
    #expect(relativeError(jet.value, centre) < 1e-15)
    // A 1 × inputs direction applies to every row.
    let e = Matrix([[0, 1]])
    #expect(
      relativeError(
        model.jet(at: x, direction: e).tangent,
        model.jacobianVectorProduct(at: x, direction: e.repeatingRows(5))) < 1e-15)
  }

  @Test(arguments: [Activation.tanh, .relu]) func hnnLossParameterGradientMatchesFiniteDifferences(
    _ activation: Activation
  ) {
    var g = SeededGenerator(seed: 5)
    let model = MLP(sizes: [2, 10, 10, 1], activation: activation, generator: &g)
    let x = randomMatrix(7, 2, &g)
    let target = randomMatrix(7, 2, &g)
    // HNN: the field is J∇H = (∂H/∂p, −∂H/∂q); loss = mean ‖J∇H − ẋ‖².
    let loss: @differentiable(reverse) (MLP) -> Double = { m in
      let grad = m.inputGradient(at: x)
      let field = grad.columns(1..<2).concatenatingColumns(-grad.columns(0..<1))
      return (field - target).squared().mean()
    }
    #expect(parameterGradientError(model, loss) < 1e-6)
  }

  @Test func pinnResidualParameterGradientMatchesFiniteDifferences() {
    var g = SeededGenerator(seed: 6)
    let model = MLP(sizes: [2, 12, 12, 1], generator: &g)
    let points = randomMatrix(9, 2, &g)  // columns (t, y)
    // Heat-equation residual u_t − u_yy through first- and second-order jets.
    let loss: @differentiable(reverse) (MLP) -> Double = { m in
      let ut = m.jet(at: points, direction: Matrix([[1, 0]]), secondOrder: false).tangent
      let uyy = m.jet(at: points, direction: Matrix([[0, 1]])).second
      return (ut - uyy).squared().mean()
    }
    #expect(parameterGradientError(model, loss) < 1e-6)
    // And the plain regression loss through the forward pass.
    let y = randomMatrix(9, 1, &g)
    #expect(parameterGradientError(model, { m in (m(points) - y).squared().mean() }) < 1e-6)
  }

  @Test func adamMinimisesAConvexQuadratic() {
    // f(θ) = Σ cᵢ (θᵢ − tᵢ)², minimum 0 at θ = t.
    let target = Matrix([[1.5, -2, 0.25, 3]])
    let weights = Matrix([[1, 10, 0.5, 3]])
    var params = [Matrix(rows: 1, columns: 4)]
    var adam = Adam(learningRate: 0.05)
    func loss(_ p: Matrix) -> Double { ((p - target).squared() * weights).sum() }
    for _ in 0..<5000 {
      let grad = gradient(at: params[0]) { p in ((p - target).squared() * weights).sum() }
      adam.update(&params, gradients: [grad])
    }
    #expect(loss(params[0]) < 1e-8, "loss \(loss(params[0]))")
    // Weight decay pulls the minimum towards zero: θᵢ = cᵢtᵢ / (cᵢ + λ/2).
    var decayed = [Matrix(rows: 1, columns: 4)]
    var adamW = Adam(learningRate: 0.05, weightDecay: 2)
    for _ in 0..<5000 {
      let grad = gradient(at: decayed[0]) { p in ((p - target).squared() * weights).sum() }
      adamW.update(&decayed, gradients: [grad])
    }
    for i in 0..<4 {
      let expected = weights.scalars[i] * target.scalars[i] / (weights.scalars[i] + 1)
      #expect(abs(decayed[0].scalars[i] - expected) < 1e-4)
    }
  }

  @Test func mlpFitsSine() {
    NeuralRuntime.configure()
    var g = SeededGenerator(seed: 7)
    var model = MLP(sizes: [1, 32, 32, 1], generator: &g)
    let n = 256
    let x = Matrix(rows: n, columns: 1, scalars: evenGrid(from: -Double.pi, to: Double.pi, count: n))
    let y = x.map { sin($0) }
    var adam = Adam(learningRate: 3e-3)
    var loss = 1.0
    for epoch in 0..<3000 {
      if epoch == 2000 { adam.learningRate = 1e-3 }
      let (value, grad) = valueWithGradient(at: model) { m in (m(x) - y).squared().mean() }
      loss = value
      adam.update(&model, along: grad)
    }
    #expect(loss < 1e-4, "final MSE \(loss)")
  }

  @Test func miniBatchesCoverEveryIndexOnce() {
    var g = SeededGenerator(seed: 8)
    let points = MiniBatches.points(103, batchSize: 10).epoch(using: &g)
    #expect(points.count == 11 && points.last!.count == 3)
    #expect(points.flatMap { $0 }.sorted() == Array(0..<103))
    let trajectories = MiniBatches.trajectories(25, length: 30, perBatch: 10).epoch(using: &g)
    #expect(trajectories.map(\.count) == [300, 300, 150])
    #expect(trajectories.flatMap { $0 }.sorted() == Array(0..<750))
    for batch in trajectories {
      for start in stride(from: 0, to: batch.count, by: 30) {
        #expect(batch[start] % 30 == 0 && batch[start + 29] == batch[start] + 29)
      }
    }
    var g2 = SeededGenerator(seed: 8)
    #expect(MiniBatches.points(103, batchSize: 10).epoch(using: &g2) == points)
  }

  @Test func runtimeUsesOneBlasThread() {
    NeuralRuntime.configure(blasThreads: 1)
    #expect(NeuralRuntime.blasThreads == 1)
  }
}
