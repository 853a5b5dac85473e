import Foundation
import NoetherCore

/// The data-symmetry experiment (Galley, Shahverdi and Flinth): the number of
/// conservation laws of gradient flow for a tensorizable model trained on data closed
/// under a group, under MSE against a logistic loss, counted as D − dim Lie(W)(θ) with W
/// spanned by the fields of many augmented samples (`AnalyticLieTrace`).
public struct DataSymmetryExperiment: Sendable {
  /// One row of the table.
  public struct Row: Sendable {
    /// The model.
    public let model: AugmentedLoss.Model
    /// n, r and m.
    public let widths: (input: Int, hidden: Int, output: Int)
    /// The augmentation.
    public let group: InputGroup
    /// ℓ.
    public let loss: TrainingLoss
    /// D.
    public let parameters: Int
    /// The trace computation.
    public let trace: AnalyticLieTrace
    /// Wall time.
    public let seconds: Double
    /// D − rank.
    public var count: Int { parameters - trace.rank }
  }

  /// The table's cases: the control (a single linear neuron on rotation-augmented inputs),
  /// and two-layer linear networks with permutation and rotation augmentation, each also
  /// without augmentation.
  public static let cases: [(AugmentedLoss.Model, Int, Int, Int, InputGroup)] = [
    (.neuron, 2, 0, 1, .none), (.neuron, 2, 0, 1, .quarterTurns), (.neuron, 2, 0, 1, .rotations),
    (.linear, 2, 2, 1, .none), (.linear, 2, 2, 1, .quarterTurns), (.linear, 2, 2, 1, .rotations),
    (.linear, 2, 2, 2, .none), (.linear, 2, 2, 2, .reflection), (.linear, 2, 2, 2, .quarterTurns),
    (.linear, 3, 2, 1, .none), (.linear, 3, 2, 1, .permutations),
  ]

  /// Counts one case: fields of 2D + 2 samples (normal inputs; normal targets for MSE,
  /// random signs for the logistic loss), each summed over its orbit, at a random θ.
  public static func row(
    model: AugmentedLoss.Model, input n: Int, hidden r: Int, output m: Int, group: InputGroup,
    loss: TrainingLoss, seed: UInt64 = 2023
  ) -> Row {
    let start = Date()
    var generator = SeededGenerator(seed: seed)
    let d = model == .neuron ? n : r * (n + m)
    let fields: [any AnalyticField] = (0..<(2 * d + 2)).map { _ in
      let x = (0..<n).map { _ in generator.nextNormal() }
      let y = (0..<m).map { _ in
        loss == .mse ? generator.nextNormal() : (generator.nextUniform() < 0.5 ? -1.0 : 1.0)
      }
      return NegativeGradient(
        AugmentedLoss(
          model: model, inputWidth: n, hiddenWidth: r, orbit: group.orbit(of: x), targets: y, loss: loss))
    }
    let point = (0..<d).map { _ in generator.nextNormal() / Double(n).squareRoot() }
    let trace = AnalyticLieTrace(generators: fields, at: point, seed: seed)
    return Row(
      model: model, widths: (n, r, m), group: group, loss: loss, parameters: d, trace: trace,
      seconds: Date().timeIntervalSince(start))
  }

  /// Every case under both losses.
  public static func table(seed: UInt64 = 2023) -> [Row] {
    cases.flatMap { model, n, r, m, group in
      TrainingLoss.allCases.map {
        row(model: model, input: n, hidden: r, output: m, group: group, loss: $0, seed: seed)
      }
    }
  }
}
