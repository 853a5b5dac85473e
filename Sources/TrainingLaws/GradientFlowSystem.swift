import NoetherCore

/// Training by gradient flow as a dynamical system: state θ, field θ̇ = −∇L(θ). It
/// conforms to the same protocol as Kepler, so the project's integrators, data files and
/// `noether discover` take its runs as trajectories.
public struct GradientFlowSystem: DynamicalSystem {
  /// The network, data and loss.
  public let loss: NetworkLoss
  /// The laws of degree ≤ 2 that every gradient flow of this network keeps (from the
  /// enumeration), as known invariants `law1`, `law2`, ….
  public let invariants: [KnownInvariant]
  /// The protocol runs are generated with: noise-free, `runs` trajectories.
  public let referenceProtocol: ReferenceProtocol

  /// - Parameters:
  ///   - loss: the training loss.
  ///   - laws: the conserved quadratic forms over θ.
  ///   - runs: trajectories per data set, each from its own random θ₀.
  ///   - duration: training time of each run.
  ///   - points: recorded points per run.
  ///   - seed: the seed of the initial parameters.
  public init(
    loss: NetworkLoss, laws: [QuadraticLaw], runs: Int = 10, duration: Double = 4, points: Int = 41,
    seed: UInt64 = 2023
  ) {
    self.loss = loss
    invariants = laws.enumerated().map { QuadraticInvariant.known($1, name: "law\($0 + 1)") }
    referenceProtocol = ReferenceProtocol(
      name: "gradient-flow", trajectoryCount: runs, trainingCount: runs, pointCount: points,
      duration: duration,
      evaluationHorizon: duration, evaluationTrajectoryCount: 1, noise: 0, seed: seed)
  }

  /// `training-linear-3-2-2` for a linear (3,2,2) network.
  public var name: String {
    let a = loss.architecture
    return "training-\(a.activation.rawValue)-" + a.widths.map(String.init).joined(separator: "-")
  }

  /// D.
  public var dimension: Int { loss.architecture.parameterCount }

  /// The parameters' names (`W1[1,1]`, …).
  public var stateNames: [String] { loss.architecture.parameterNames }

  /// −∇L at each state.
  public func derivatives(at states: StateBatch) -> StateBatch {
    var values: [Double] = []
    values.reserveCapacity(states.values.count)
    for k in 0..<states.count {
      let theta = Array(states.values[(k * dimension)..<((k + 1) * dimension)])
      values += loss.valueAndGradient(theta).gradient.map { -$0 }
    }
    return StateBatch(count: states.count, dimension: dimension, values: values)
  }

  /// Random initial parameters (normal, scaled by 1/√fan-in), the same for both purposes.
  public func sampleInitialStates(
    count: Int, for purpose: SamplingPurpose, using generator: inout SeededGenerator
  ) -> StateBatch {
    let values = (0..<count).flatMap { _ in loss.architecture.randomParameters(using: &generator) }
    return StateBatch(count: count, dimension: dimension, values: values)
  }
}

/// A quadratic law as a `KnownInvariant` over the variables it was found on.
enum QuadraticInvariant {
  static func known(_ law: QuadraticLaw, name: String) -> KnownInvariant {
    KnownInvariant(
      name: name, formula: law.formula,
      value: { states in
        (0..<states.count).map {
          law.polynomial(at: Array(states.values[($0 * states.dimension)..<(($0 + 1) * states.dimension)]))
        }
      },
      gradient: { states in
        let p = states.dimension
        let values = (0..<states.count).flatMap { k in
          law.gradient(at: Array(states.values[(k * p)..<((k + 1) * p)]))
        }
        return StateBatch(count: states.count, dimension: p, values: values)
      })
  }
}
