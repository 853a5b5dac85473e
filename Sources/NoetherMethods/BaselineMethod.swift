import NoetherCompare
import NoetherCore
import NoetherLearning

/// The plain network: h fitted to (x, ẋ) with no constraint (`BaselineLearner`).
public struct BaselineMethod: ConfigurableMethod {
  public static let methodName = "baseline"
  public static let summary = "a plain network h fitted to (x, ẋ), no constraint"
  public var name: String { Self.methodName }
  /// The network and its training (the seed is the comparison's).
  public var dynamics: DynamicsNetworkTraining

  public init(dynamics: DynamicsNetworkTraining = DynamicsNetworkTraining()) { self.dynamics = dynamics }

  public init(options: MethodOptions, problem: MethodProblem) {
    self.init(dynamics: options.dynamicsTraining(for: problem))
  }

  public func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    var training = dynamics
    training.training.seed = context.seed
    return FittedModel(model: try BaselineLearner(training: training, progress: context.progress).fit(data))
  }
}
