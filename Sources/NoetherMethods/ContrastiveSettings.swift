import ConCerNet
import NoetherCompare
import NoetherCore
import NoetherLearning

/// The contrastive invariant learning that ConCerNet and the soft penalty share (the
/// reference: one invariant, 1000 epochs, batches of 10 trajectories), and how it is
/// shared: the first of them to run on a seed learns g, the other one reuses it.
public struct ContrastiveSettings: Sendable, Equatable {
  public var invariantCount = 1
  /// λ of the independence penalty with several invariants (0: one network with m outputs).
  public var independence = 0.0
  public var network = NetworkSettings()
  public var epochs = 1000
  public var batchSize = 10

  public init() {}

  /// From the common options: m, λ, the network, and `epochs` when given.
  /// - Throws: `NoetherError.invalidParameter` unless 1 ≤ m < the problem's dimension.
  public init(options: MethodOptions, problem: MethodProblem) throws {
    let space = problem.dimension
    guard options.invariantCount >= 1, options.invariantCount < space else {
      throw NoetherError.invalidParameter(
        name: "invariant count", value: "\(options.invariantCount)",
        requirement:
          "must be between 1 and \(space - 1): projecting out m gradients of a \(space)-dimensional field leaves \(space) − m directions"
      )
    }
    invariantCount = options.invariantCount
    independence = options.invariantIndependence
    network = options.network(for: problem)
    epochs = options.epochs ?? epochs
  }

  /// The learner for one seed.
  public func learner(seed: UInt64, progress: ProgressHandler?) -> ContrastiveInvariantLearner {
    var learner = ContrastiveInvariantLearner(
      invariantCount: invariantCount, network: network,
      training: TrainingSettings(epochs: epochs, batchSize: batchSize, seed: seed), progress: progress)
    learner.independenceWeight = independence
    return learner
  }

  /// g for this seed, learned once and shared through the context.
  public func sharedInvariant(_ data: TrajectorySet, context: MethodContext) throws -> NetworkInvariant {
    let learner = learner(seed: context.seed, progress: context.progress)
    return try context.shared("contrastive", key: "\(self) seed \(context.seed)") {
      try learner.learnInvariants(from: data)
    }
  }
}
