import NoetherCore

/// Heavy-ball training as a second-order flow: θ̈ + θ̇/τ = −∇L(θ), as the first-order
/// system on (θ, v), θ̇ = v, v̇ = −v/τ − ∇L(θ). Its laws depend on time
/// (e^{t/τ}·(…), `LawEnumeration`), so none is declared as a time-independent invariant.
public struct HeavyBallSystem: DynamicalSystem {
  /// The network, data and loss.
  public let loss: NetworkLoss
  /// 1/τ.
  public let friction: Double
  /// The protocol runs are generated with: noise-free.
  public let referenceProtocol: ReferenceProtocol

  /// - Parameters:
  ///   - loss: the training loss.
  ///   - friction: 1/τ, at least 0.
  ///   - runs: trajectories, each from random θ₀ and v₀ = 0.
  ///   - duration: training time of each run.
  ///   - points: recorded points per run.
  ///   - seed: the seed of the initial parameters.
  public init(
    loss: NetworkLoss, friction: Double = TrainingFlow.friction, runs: Int = 10, duration: Double = 4,
    points: Int = 41, seed: UInt64 = 2023
  ) {
    self.loss = loss
    self.friction = friction
    referenceProtocol = ReferenceProtocol(
      name: "heavy-ball-flow", trajectoryCount: runs, trainingCount: runs, pointCount: points,
      duration: duration, evaluationHorizon: duration, evaluationTrajectoryCount: 1, noise: 0, seed: seed)
  }

  /// `heavy-ball-linear-3-2-2` for a linear (3,2,2) network.
  public var name: String {
    let a = loss.architecture
    return "heavy-ball-\(a.activation.rawValue)-" + a.widths.map(String.init).joined(separator: "-")
  }

  /// 2D.
  public var dimension: Int { 2 * loss.architecture.parameterCount }

  /// θ's names, then the velocities' (`W1[1,1]'`, …).
  public var stateNames: [String] {
    let names = loss.architecture.parameterNames
    return names + names.map { "\($0)'" }
  }

  /// (v, −v/τ − ∇L(θ)) at each state.
  public func derivatives(at states: StateBatch) -> StateBatch {
    let d = loss.architecture.parameterCount
    var values: [Double] = []
    values.reserveCapacity(states.values.count)
    for k in 0..<states.count {
      let theta = Array(states.values[(k * 2 * d)..<(k * 2 * d + d)])
      let v = states.values[(k * 2 * d + d)..<((k + 1) * 2 * d)]
      let g = loss.valueAndGradient(theta).gradient
      values += v
      values += zip(v, g).map { -friction * $0 - $1 }
    }
    return StateBatch(count: states.count, dimension: dimension, values: values)
  }

  /// Random θ₀ (normal, scaled by 1/√fan-in) and v₀ = 0.
  public func sampleInitialStates(
    count: Int, for purpose: SamplingPurpose, using generator: inout SeededGenerator
  ) -> StateBatch {
    let d = loss.architecture.parameterCount
    let values = (0..<count).flatMap { _ in
      loss.architecture.randomParameters(using: &generator) + [Double](repeating: 0, count: d)
    }
    return StateBatch(count: count, dimension: dimension, values: values)
  }
}
