import NoetherStore

/// Law counts in HDF5 (format `noether-law-counts`): per count a group `counts/<k>` with
/// `trace_singular_values` and, where laws of degree ≤ 2 were found, `law_coefficients`
/// (laws × monomials, the order of `QuadraticLaw.coefficients`) and `law_rates`;
/// attributes `network`, `flow`, `count`, `formula_count` (−1: none stated),
/// `law_formulas`. Data-symmetry rows, when given, go to `symmetry` as a table of
/// attributes and an int32 `counts` array (rows × [MSE, logistic]).
public enum LawCountFile {
  /// Writes `counts` (and `symmetry` rows) to `path` through a temporary file.
  /// - Throws: `StoreError.writeFailed` when the file cannot be written.
  public static func write(_ counts: [LawCount], symmetry: [DataSymmetryExperiment.Row] = [], to path: String)
    throws
  {
    try hdf5Mutex.withLock { _ in
      try writeAtomically(to: path) { temporary in
        let file = try HDF5File.create(temporary)
        try file.writeHeader(format: "noether-law-counts", version: 1)
        try file.createGroup("counts")
        for (k, count) in counts.enumerated() {
          let group = "counts/\(k + 1)"
          try file.createGroup(group)
          try file.setAttribute("network", string: count.architecture.description, on: group)
          try file.setAttribute("flow", string: count.flow.rawValue, on: group)
          try file.setAttribute("count", double: Double(count.count), on: group)
          try file.setAttribute("formula_count", double: Double(count.formulaCount ?? -1), on: group)
          try file.write(
            "\(group)/trace_singular_values", doubles: count.traceSingularValues,
            shape: [count.traceSingularValues.count])
          if let first = count.quadraticLaws.first {
            try file.setAttribute("law_formulas", strings: count.quadraticLaws.map(\.formula), on: group)
            try file.write(
              "\(group)/law_coefficients", doubles: count.quadraticLaws.flatMap(\.coefficients),
              shape: [count.quadraticLaws.count, first.coefficients.count])
            try file.write(
              "\(group)/law_rates", doubles: count.quadraticLaws.map(\.rate),
              shape: [count.quadraticLaws.count])
          }
        }
        let mse = symmetry.filter { $0.loss == .mse }
        let logistic = symmetry.filter { $0.loss == .logistic }
        guard !mse.isEmpty, mse.count == logistic.count else { return }
        try file.createGroup("symmetry")
        let names = mse.map { row in
          "\(row.model.rawValue) (\(row.widths.input),\(row.widths.hidden),\(row.widths.output)) \(row.group.rawValue)"
        }
        try file.setAttribute("rows", strings: names, on: "symmetry")
        try file.write(
          "symmetry/counts", int32s: zip(mse, logistic).flatMap { [Int32($0.count), Int32($1.count)] },
          shape: [mse.count, 2])
      }
    }
  }
}
