import NoetherStore

/// The depth study in HDF5 (format `noether-depth-adjoint`): `summed_adjoint` (L+1 × 2),
/// `cluster_adjoints` (clusters × L+1 × 2), `identity_residuals` and `predicted_changes`
/// (L each), and the final loss as an attribute.
public enum DepthAdjointFile {
  /// Writes `study` to `path` (through a temporary file renamed into place).
  /// - Throws: `StoreError.writeFailed` when the file cannot be written.
  public static func write(_ study: DepthAdjointStudy, to path: String) throws {
    try hdf5Mutex.withLock { _ in
      try writeAtomically(to: path) { temporary in
        let file = try HDF5File.create(temporary)
        try file.writeHeader(format: "noether-depth-adjoint", version: 1)
        let layers = study.network.depth + 1
        try file.write("summed_adjoint", doubles: study.summedAdjoint.flatMap { $0 }, shape: [layers, 2])
        try file.write(
          "cluster_adjoints", doubles: study.clusterAdjoints.flatMap { $0.flatMap { $0 } },
          shape: [study.clusterAdjoints.count, layers, 2])
        try file.write("identity_residuals", doubles: study.identityResiduals, shape: [layers - 1])
        try file.write("predicted_changes", doubles: study.predictedChanges, shape: [layers - 1])
        try file.setAttribute("final_loss", double: study.finalLoss)
        try file.setAttribute("depth", double: Double(study.network.depth))
        try file.setAttribute("width", double: Double(study.network.width))
      }
    }
  }
}
