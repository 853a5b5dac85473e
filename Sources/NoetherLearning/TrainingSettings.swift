import NoetherCore
import NoetherNN

/// The shape of a network: hidden widths and activation. The reference networks are
/// d → 100 → 100 → out with tanh (ReLU for chemical kinetics).
public struct NetworkSettings: Sendable, Equatable {
  public var hidden: [Int]
  public var activation: Activation

  public init(hidden: [Int] = [100, 100], activation: Activation = .tanh) {
    self.hidden = hidden
    self.activation = activation
  }

  /// Layer sizes from `inputs` to `outputs`.
  public func sizes(inputs: Int, outputs: Int) -> [Int] { [inputs] + hidden + [outputs] }
}

/// How a network is trained: Adam with mini-batches, shuffled by a seeded generator.
public struct TrainingSettings: Sendable, Equatable {
  /// Passes over the training data.
  public var epochs: Int
  /// Items per batch (points, or whole trajectories for contrastive learning).
  public var batchSize: Int
  public var learningRate: Double
  /// The learning rate of the last quarter of the epochs is `learningRate` times this
  /// (1: constant, the reference's). A drop lets Adam's last iterate settle instead of
  /// jittering at the size of a full step.
  public var finalLearningRateFactor: Double
  public var weightDecay: Double
  /// Seeds the initial weights and the shuffling.
  public var seed: UInt64

  public init(
    epochs: Int = 1000, batchSize: Int = 100, learningRate: Double = 1e-3, weightDecay: Double = 0,
    finalLearningRateFactor: Double = 1, seed: UInt64 = 2023
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.finalLearningRateFactor = finalLearningRateFactor
    self.weightDecay = weightDecay
    self.seed = seed
  }

  /// The learning rate of epoch `epoch` (0-based).
  public func learningRate(atEpoch epoch: Int) -> Double {
    epoch >= epochs - epochs / 4 ? learningRate * finalLearningRateFactor : learningRate
  }

  /// Settings as archive text.
  public var archived: [String: String] {
    [
      "epochs": "\(epochs)", "batch_size": "\(batchSize)", "learning_rate": "\(learningRate)",
      "weight_decay": "\(weightDecay)", "seed": "\(seed)",
      "final_learning_rate_factor": "\(finalLearningRateFactor)",
    ]
  }
}
