import NoetherCore

/// Runs an optimiser step by step and records what `RecordedRun` keeps.
public struct RunRecorder: Sendable {
  /// The training loss.
  public let loss: NetworkLoss
  /// The homogeneous quadratic laws Q(θ) = θᵀSθ followed along the run.
  public let laws: [QuadraticLaw]

  public init(loss: NetworkLoss, laws: [QuadraticLaw]) {
    self.loss = loss
    self.laws = laws
  }

  /// `steps` steps of `optimiser` from θ₀; mini-batches (SGD) drawn from `seed`.
  /// - Throws: `NoetherError.invalidParameter` for η ≤ 0, λ < 0, a batch outside 1…N, a θ₀
  ///   of the wrong length;
  ///   `NoetherError.trainingDiverged` when θ or the loss stops being finite.
  public func run(
    _ optimiser: Optimiser, learningRate eta: Double, weightDecay lambda: Double = 0, steps: Int,
    from theta0: [Double], seed: UInt64 = 2023
  ) throws -> RecordedRun {
    guard eta > 0, eta.isFinite, lambda >= 0, lambda.isFinite, steps >= 1 else {
      throw NoetherError.invalidParameter(
        name: "run", value: "η \(eta), λ \(lambda), \(steps) steps",
        requirement: "needs a learning rate > 0, a weight decay ≥ 0 and at least one step")
    }
    guard theta0.count == loss.architecture.parameterCount, theta0.allSatisfy(\.isFinite) else {
      throw NoetherError.invalidParameter(
        name: "θ₀", value: "\(theta0.count) values",
        requirement: "needs \(loss.architecture.parameterCount) finite parameters for \(loss.architecture)")
    }
    if case .stochastic(let batch) = optimiser, !(1...loss.data.count).contains(batch) {
      throw NoetherError.invalidParameter(
        name: "--batch", value: "\(batch)",
        requirement: "must be between 1 and the \(loss.data.count) samples")
    }
    let d = theta0.count
    let matrices = laws.map { $0.quadraticMatrix(variables: d) }
    var generator = SeededGenerator(seed: seed)
    var order: [Int] = []
    var state = OptimiserState(parameters: d)
    var theta = theta0
    var parameters = [theta]
    var losses = [loss.valueAndGradient(theta).value]
    var states = [state.velocity]
    var predicted = [matrices.map { Self.form($0, theta, theta) }]
    var residuals: [Double] = []
    for step in 1...steps {
      var batchLoss = loss
      if case .stochastic(let batch) = optimiser {
        if order.count < batch {
          order = Array(0..<loss.data.count)
          generator.shuffle(&order)
        }
        batchLoss = loss.on(loss.data.batch(Array(order.prefix(batch))))
        order.removeFirst(batch)
      }
      let lossGradient = batchLoss.valueAndGradient(theta).gradient
      let g = zip(lossGradient, theta).map { $0 + lambda * $1 }
      let u = state.update(optimiser, gradient: g)
      let nonGradient = zip(u, lossGradient).map { $0 - $1 }
      let next = zip(theta, u).map { $0 - eta * $1 }
      var change: [Double] = []
      var worst = 0.0
      for s in matrices {
        let measured = Self.form(s, next, next) - Self.form(s, theta, theta)
        // θᵀS∇L_B = 0 for a law: what moves it at first order is the rest of u (the
        // weight decay λθ, the heavy ball's carried βv).
        let first = -2 * eta * Self.form(s, theta, nonGradient)
        let prediction = first + eta * eta * Self.form(s, u, u)
        change.append(prediction)
        let scale = Self.absoluteForm(s, theta)
        worst = max(worst, abs(measured - prediction) / max(scale, .leastNormalMagnitude))
      }
      residuals.append(worst)
      theta = next
      let value = loss.valueAndGradient(theta).value
      guard value.isFinite, theta.allSatisfy(\.isFinite) else {
        throw NoetherError.trainingDiverged(
          method: "training-laws \(optimiser.key)", phase: "training", epoch: step)
      }
      parameters.append(theta)
      losses.append(value)
      states.append(state.velocity)
      predicted.append(zip(predicted.last!, change).map { $0 + $1 })
    }
    let values = parameters.map { t in matrices.map { Self.form($0, t, t) } }
    let drift = matrices.indices.map { l in
      abs(values[steps][l] - values[0][l])
        / max(Self.absoluteForm(matrices[l], theta0), .leastNormalMagnitude)
    }
    let closedForm = !(optimiser.key == "adam")
    return RecordedRun(
      optimiser: optimiser, learningRate: eta, weightDecay: lambda, parameters: parameters, losses: losses,
      optimiserStates: states, lawValues: values, predictedLawValues: closedForm ? predicted : nil,
      stepResiduals: closedForm ? residuals : nil, relativeDrift: drift.max() ?? 0)
  }

  /// aᵀ S b for a symmetric p × p S.
  static func form(_ s: [Double], _ a: [Double], _ b: [Double]) -> Double {
    let p = a.count
    var total = 0.0
    for i in 0..<p where a[i] != 0 {
      var row = 0.0
      for j in 0..<p { row += s[i * p + j] * b[j] }
      total += a[i] * row
    }
    return total
  }

  /// |θ|ᵀ|S||θ|: the size of the terms a law sums, the scale its drift is measured against.
  static func absoluteForm(_ s: [Double], _ theta: [Double]) -> Double {
    form(s.map(abs), theta.map(abs), theta.map(abs))
  }
}
