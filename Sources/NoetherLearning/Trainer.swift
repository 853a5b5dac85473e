import NoetherCore
import NoetherNN
import _Differentiation

/// The training loop shared by every neural method: epochs of shuffled mini-batches,
/// Adam, a divergence check and progress reports.
public struct Trainer: Sendable {
  public var settings: TrainingSettings
  /// The method name, for errors and progress.
  public var method: String
  public var progress: ProgressHandler?

  public init(settings: TrainingSettings, method: String, progress: ProgressHandler? = nil) {
    self.settings = settings
    self.method = method
    self.progress = progress
  }

  /// Trains `model` in place.
  /// - Parameters:
  ///   - model: the parameters, updated in place.
  ///   - batches: how items are grouped; one epoch visits every item once.
  ///   - phase: the phase name, for errors and progress.
  ///   - generator: shuffles the batches (seeded).
  ///   - step: the loss and its gradient for a batch of point indices.
  /// - Returns: the mean loss of each epoch.
  /// - Throws: `NoetherError.trainingDiverged` at the first non-finite loss.
  @discardableResult
  public func train<Model: Trainable>(
    _ model: inout Model, batches: MiniBatches, phase: String, generator: inout SeededGenerator,
    step: (Model, [Int]) -> (value: Double, gradient: Model.TangentVector)
  ) throws -> [Double] {
    NeuralRuntime.configure()
    var adam = Adam(learningRate: settings.learningRate, weightDecay: settings.weightDecay)
    var history = [Double]()
    history.reserveCapacity(settings.epochs)
    let reportEvery = max(1, settings.epochs / 20)
    for epoch in 0..<settings.epochs {
      adam.learningRate = settings.learningRate(atEpoch: epoch)
      var total = 0.0
      let epochBatches = batches.epoch(using: &generator)
      for batch in epochBatches {
        let (loss, gradient) = step(model, batch)
        guard loss.isFinite else {
          throw NoetherError.trainingDiverged(method: method, phase: phase, epoch: epoch)
        }
        adam.update(&model, along: gradient)
        total += loss
      }
      history.append(total / Double(epochBatches.count))
      if let progress, (epoch + 1) % reportEvery == 0 || epoch + 1 == settings.epochs {
        progress("\(method) \(phase)", epoch + 1, settings.epochs)
      }
    }
    guard model.parameters.allSatisfy(\.isFinite) else {
      throw NoetherError.trainingDiverged(method: method, phase: phase, epoch: settings.epochs)
    }
    return history
  }
}
