/// A learned model of a system's dynamics that can be rolled out from initial states.
public protocol DynamicsModel: Sendable {
  /// The state dimension.
  var dimension: Int { get }
  /// The method that produced it (`baseline`, `concernet`, `soft`, `hnn`, `sindy`, …).
  var methodName: String { get }
  /// The model's states at `times` from `initial` (at `times[0]`), integrated with
  /// `integrator`; failures (a diverging model) are reported in the solution's status.
  func rollout(from initial: StateBatch, at times: [Double], integrator: any Integrator) -> Solution
  /// Its parameters and settings, to be written to a file and rebuilt with the same predictions.
  func archive() -> ModelArchive
}

/// A learned model that is a vector field on the state space itself (every method
/// except latent-space ones); it rolls out by integrating its own field.
public protocol VectorFieldModel: DynamicsModel, VectorField {}

extension VectorFieldModel {
  public func rollout(from initial: StateBatch, at times: [Double], integrator: any Integrator) -> Solution {
    integrator.integrate(self, from: initial, at: times)
  }
}

/// Fits a dynamics model to trajectories: a plain network, ConCerNet, a soft
/// penalty, an HNN or SINDy. Each is its own type; a mismatch between method and
/// system (an HNN on an odd dimension) throws a typed error saying what to do.
public protocol DynamicsLearner {
  associatedtype Model: DynamicsModel
  /// The method's short name.
  var methodName: String { get }
  /// Fits the model to the training split of `data`.
  /// - Throws: `NoetherError.notApplicable` when the method cannot model this data;
  ///   `NoetherError.trainingDiverged` when training produced non-finite values.
  func fit(_ data: TrajectorySet) throws -> Model
}

/// Reports progress of a long computation: a phase name, the step reached and the total.
public typealias ProgressHandler = @Sendable (_ phase: String, _ step: Int, _ total: Int) -> Void
