import NoetherCore

/// The measurement of the anchors on one network: recorded runs of gradient
/// descent, SGD, heavy ball, Adam and weight decay from the same θ₀ on the same data, and
/// the slope test.
public struct DriftStudy: Sendable {
  /// The network, data and loss.
  public let loss: NetworkLoss
  /// The laws followed (the enumeration's quadratic laws of gradient flow).
  public let laws: [QuadraticLaw]
  /// The recorded runs, in the order of `standardRuns`.
  public let runs: [RecordedRun]
  /// Drift against η at a fixed training time.
  public let slope: SlopeTest

  /// The optimisers run, with (η, λ): each 2000 steps by default.
  public static let standardRuns: [(Optimiser, Double, Double)] = [
    (.gradientDescent, 0.05, 0), (.stochastic(batch: 4), 0.05, 0), (.heavyBall(momentum: 0.9), 0.005, 0),
    (.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), 0.005, 0), (.gradientDescent, 0.05, 0.01),
  ]

  /// The learning rates of the slope test, at training time 2.
  public static let slopeRates = [0.1, 0.05, 0.025, 0.0125]

  /// - Parameters:
  ///   - architecture: a two-layer linear or ReLU network.
  ///   - samples: data points (normal inputs of standard deviation `inputScale`, a noisy
  ///     linear teacher).
  ///   - inputScale: the inputs' standard deviation; 0.5 keeps the slope test's largest
  ///     step at η·λ_max ≈ 0.1 on the (3,2,2) network (`SlopeTest.stiffness`).
  ///   - steps: steps per run.
  ///   - seed: the seed of data, θ₀ and batches.
  /// - Throws: what the enumeration or a run throws.
  public init(
    architecture: NetworkArchitecture, samples: Int = 20, steps: Int = 2000, inputScale: Double = 0.5,
    seed: UInt64 = 2023
  ) throws {
    var generator = SeededGenerator(seed: seed)
    let data = TrainingData.teacher(
      count: samples, architecture: architecture, loss: .mse, inputScale: inputScale, using: &generator)
    let loss = try NetworkLoss(architecture: architecture, data: data, loss: .mse)
    let laws = try LawEnumeration.count(architecture, flow: .gradient, seed: seed).quadraticLaws
    let theta0 = architecture.randomParameters(using: &generator)
    let recorder = RunRecorder(loss: loss, laws: laws)
    self.loss = loss
    self.laws = laws
    runs = try Self.standardRuns.map { optimiser, eta, lambda in
      try recorder.run(
        optimiser, learningRate: eta, weightDecay: lambda, steps: steps, from: theta0, seed: seed)
    }
    slope = try SlopeTest(recorder: recorder, from: theta0, time: 2, learningRates: Self.slopeRates)
  }
}
