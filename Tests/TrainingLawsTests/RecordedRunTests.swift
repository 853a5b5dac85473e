import NoetherCore
import Testing
import TrainingLaws

@Suite struct RecordedRunTests {
  static let study = Result {
    try DriftStudy(architecture: NetworkArchitecture(widths: [3, 2, 2], activation: .linear))
  }

  @Test func backPropagationMatchesCentralDifferences() throws {
    for activation in HiddenActivation.allCases {
      for loss in TrainingLoss.allCases {
        let net = try NetworkArchitecture(widths: [3, 4, 1], activation: activation, hasBias: true)
        var generator = SeededGenerator(seed: 7)
        let data = TrainingData.teacher(count: 6, architecture: net, loss: loss, using: &generator)
        let objective = try NetworkLoss(architecture: net, data: data, loss: loss)
        let theta = net.randomParameters(using: &generator).map { $0 + 0.1 * generator.nextNormal() }
        let gradient = objective.valueAndGradient(theta).gradient
        for a in theta.indices {
          let h = 1e-6
          var plus = theta
          var minus = theta
          plus[a] += h
          minus[a] -= h
          let central =
            (objective.valueAndGradient(plus).value - objective.valueAndGradient(minus).value) / (2 * h)
          #expect(
            abs(central - gradient[a]) <= 1e-7 * max(1, abs(gradient[a])), "\(activation) \(loss) θ\(a)")
        }
      }
    }
  }

  @Test func gradientDescentMovesTheLawsOnlyByTheFiniteStep() throws {
    let study = try Self.study.get()
    #expect(study.laws.count == 3)
    for run in study.runs where run.stepResiduals != nil {
      let worst = run.stepResiduals!.max()!
      #expect(worst <= 1e-13, "\(run.optimiser) λ \(run.weightDecay): one-step residual \(worst)")
    }
    // Adam has no closed form; it is measured, and it drifts far more than GD.
    let adam = study.runs.first { $0.optimiser.key == "adam" }!
    #expect(adam.stepResiduals == nil && adam.relativeDrift > 10 * study.runs[0].relativeDrift)
  }

  @Test func lawDriftIsProportionalToTheLearningRate() throws {
    let slope = try Self.study.get().slope
    #expect(abs(slope.lawSlope - 1) <= 0.05, "law slope \(slope.lawSlope), drifts \(slope.lawDrifts)")
    #expect(abs(slope.controlSlope) <= 0.1, "control slope \(slope.controlSlope)")
  }
}

@Suite struct DepthAdjointTests {
  @Test func theSummedAdjointChangesThroughABlockByW1TransposeTimesTheBiasGradient() {
    let study = DepthAdjointStudy(
      network: ResidualPlaneNetwork(depth: 6, width: 4), perCluster: 8, steps: 300)
    #expect(study.identityResiduals.max()! <= 1e-14, "\(study.identityResiduals)")
    // The clusters' sums add up to the total at every layer.
    for (l, total) in study.summedAdjoint.enumerated() {
      let parts = study.clusterAdjoints.reduce([0.0, 0.0]) { [$0[0] + $1[l][0], $0[1] + $1[l][1]] }
      #expect(abs(parts[0] - total[0]) + abs(parts[1] - total[1]) <= 1e-15)
    }
  }

  @Test func theResidualNetworksGradientMatchesCentralDifferences() {
    let net = ResidualPlaneNetwork(depth: 3, width: 3)
    var generator = SeededGenerator(seed: 11)
    let theta = net.randomParameters(using: &generator).map { $0 + 0.3 * generator.nextNormal() }
    let inputs = (0..<5).map { _ in [generator.nextNormal(), generator.nextNormal()] }
    let targets = (0..<5).map { _ in [generator.nextNormal(), generator.nextNormal()] }
    let gradient = net.evaluate(theta, inputs: inputs, targets: targets).gradient
    for a in theta.indices {
      var plus = theta
      var minus = theta
      plus[a] += 1e-6
      minus[a] -= 1e-6
      let central =
        (net.evaluate(plus, inputs: inputs, targets: targets).loss
          - net.evaluate(minus, inputs: inputs, targets: targets).loss) / 2e-6
      #expect(abs(central - gradient[a]) <= 1e-7 * max(1, abs(gradient[a])), "θ\(a)")
    }
  }
}
