import Discovery
import NoetherCore
import NoetherLearning
import NoetherMethods
import SINDy

/// What ConCerNet's network learns on the same data, read as a formula: `noether discover
/// --distill` trains the contrastive invariant g (Square Ratio Loss, the comparison's
/// `concernet` settings: one invariant, widths 100-100, the system's activation, batches
/// of 10 trajectories) on the training trajectories with the data's seed, regresses g onto
/// the discovery library over the test trajectories (`InvariantDistillation`), and reports
/// the formula, the fit's R², and R² of g against each of the system's known invariants.
struct LearnedInvariantReading {
  /// One learned output read as a formula.
  struct Reading {
    let formula: InvariantDistillation.Formula
    /// R² of each known invariant on g (a linear fit over the test states).
    let r2Known: [String: Double]
  }

  let readings: [Reading]
  let epochs: Int
  let seed: UInt64
  let librarySpec: String

  /// Trains g and distills it.
  /// - Throws: `NoetherError` when the data have no training or no test trajectory, or
  ///   the library is not finite on the test states.
  init(
    data: TrajectoryDataset, system: any DynamicalSystem, library: any FeatureLibrary, librarySpec: String,
    epochs: Int, progress: ProgressHandler?
  ) throws {
    let (train, test) = (data.trajectories.training, data.trajectories.testing)
    guard train.trajectoryCount > 0, test.trajectoryCount > 0 else {
      throw NoetherError.invalidParameter(
        name: "--distill",
        value: "\(train.trajectoryCount) training and \(test.trajectoryCount) test trajectories",
        requirement: "needs both splits: g is learned on the training trajectories and read on the test ones")
    }
    var settings = ContrastiveSettings()
    settings.network = NetworkSettings(activation: system.preferredActivation)
    settings.epochs = epochs
    let g = try settings.learner(seed: data.seed, progress: progress).learnInvariants(from: train)
    let states = test.allStates
    let formulas = try InvariantDistillation(library: library, librarySpec: librarySpec).distill(
      g, at: states, stateNames: system.stateNames)
    let r2 = DiscoveryReport.knownR2(of: g, against: system.invariants, at: states)
    readings = zip(formulas, r2).map { Reading(formula: $0, r2Known: $1) }
    self.epochs = epochs
    self.seed = data.seed
    self.librarySpec = librarySpec
  }

  /// One line per output: `learned by ConCerNet's network g (…): g ≈ formula (R² of the
  /// fit on the library); R² against each known invariant`.
  var text: String {
    readings.map { reading in
      var line =
        "learned by ConCerNet's network (\(epochs) epochs, seed \(seed)): g ≈ \(reading.formula.text) (R² \(NumberFormat.fixed(reading.formula.r2, digits: 4)) on \(librarySpec))"
      if !reading.r2Known.isEmpty {
        line +=
          "; R² of g against "
          + reading.r2Known.sorted { $0.key < $1.key }.map {
            "\($0.key) \(NumberFormat.fixed($0.value, digits: 4))"
          }
          .joined(separator: ", ")
      }
      return line
    }.joined(separator: "\n")
  }

  var jsonObject: [[String: Any]] {
    readings.map {
      [
        "formula": $0.formula.text, "r2": DiscoveryReport.jsonNumber($0.formula.r2),
        "r2_known": $0.r2Known.mapValues(DiscoveryReport.jsonNumber), "epochs": epochs,
        "seed": seed,
      ]
    }
  }
}
