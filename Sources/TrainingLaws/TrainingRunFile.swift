import NoetherStore

/// Recorded training runs in HDF5 (format `noether-training-runs`, docs/hdf5-schema.md):
/// per run a group `runs/<index>-<optimiser>` with `parameters` (K+1 × D), `losses`,
/// `optimiser_state` (K+1 × D), `law_values` (K+1 × laws) and, where the optimiser has a
/// closed form, `predicted_law_values` and `step_residuals`; attributes `optimiser`,
/// `learning_rate`, `weight_decay`, `relative_drift`. The root names the network, the
/// parameters and the laws' formulas.
public enum TrainingRunFile {
  /// The format's name in the file header.
  public static let formatName = "noether-training-runs"

  /// Writes `runs` of `study`'s network to `path` (through a temporary file renamed
  /// into place).
  /// - Throws: `StoreError.writeFailed` when the file cannot be written.
  public static func write(_ runs: [RecordedRun], loss: NetworkLoss, laws: [QuadraticLaw], to path: String)
    throws
  {
    try hdf5Mutex.withLock { _ in
      try writeAtomically(to: path) { temporary in
        let file = try HDF5File.create(temporary)
        try file.writeHeader(format: formatName, version: 1)
        try file.setAttribute("network", string: loss.architecture.description)
        try file.setAttribute("loss", string: loss.loss.rawValue)
        try file.setAttribute("parameter_names", strings: loss.architecture.parameterNames)
        try file.setAttribute("laws", strings: laws.map(\.formula))
        try file.createGroup("runs")
        for (index, run) in runs.enumerated() {
          let group = "runs/\(index + 1)-\(run.optimiser.key)"
          try file.createGroup(group)
          let d = run.parameters[0].count
          let rows = run.parameters.count
          try file.write("\(group)/parameters", doubles: run.parameters.flatMap { $0 }, shape: [rows, d])
          try file.write("\(group)/losses", doubles: run.losses, shape: [rows])
          try file.write(
            "\(group)/optimiser_state", doubles: run.optimiserStates.flatMap { $0 }, shape: [rows, d])
          try file.write(
            "\(group)/law_values", doubles: run.lawValues.flatMap { $0 }, shape: [rows, laws.count])
          if let predicted = run.predictedLawValues, let residuals = run.stepResiduals {
            try file.write(
              "\(group)/predicted_law_values", doubles: predicted.flatMap { $0 }, shape: [rows, laws.count])
            try file.write("\(group)/step_residuals", doubles: residuals, shape: [residuals.count])
          }
          try file.setAttribute("optimiser", string: run.optimiser.description, on: group)
          try file.setAttribute("learning_rate", double: run.learningRate, on: group)
          try file.setAttribute("weight_decay", double: run.weightDecay, on: group)
          try file.setAttribute("relative_drift", double: run.relativeDrift, on: group)
        }
      }
    }
  }
}
