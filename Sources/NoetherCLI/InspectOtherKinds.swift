import Discovery
import DiscoveryStore
import NoetherCore
import NoetherStore

/// What `noether inspect` prints for the files Noether writes besides datasets and
/// results: discovered invariants (`noether discover --out`) and trained models.
enum InspectOtherKinds {
  /// The report for an invariants or a model file, its kind first; nil for any other file.
  /// - Throws: `CommandLineError` naming the file when it cannot be read.
  static func report(path: String) throws -> String? {
    switch HDF5File.format(of: path) {
    case InvariantFile.formatName?: return try invariants(path)
    case ModelFile.formatName?: return try model(path)
    default: return nil
    }
  }

  private static func invariants(_ path: String) throws -> String {
    let found = try cliResult { try InvariantFile.read(from: path) }
    let system = try cliResult {
      try hdf5Mutex.withLock { _ in try HDF5File.open(path).stringAttribute("system") }
    }
    var lines = [
      "\(path): discovered invariants (\(InvariantFile.formatName)) of \(system), library \(found.librarySpec), \(found.invariantCount) law(s) over \(found.termCount) terms"
    ]
    lines += (0..<found.invariantCount).map { "  " + found.formula($0) }
    if let balance = try cliResult({ try InvariantFile.readBalance(from: path) }) {
      let q = balance.sourceTermCount
      let names = balance.sourceLibrary.featureNames(stateNames: found.stateNames)
      lines.append("balance laws dC/dt = s, sources in \(balance.sourceSpec):")
      for k in found.invariantCount..<balance.invariantCount {
        let source = FormulaText.sum(
          Array(balance.sourceCoefficients[(k * q)..<((k + 1) * q)]), terms: names, digits: 4)
        lines.append("  \(balance.quantities.formula(k)),  d/dt \(balance.quantities.names[k]) = \(source)")
      }
    }
    if let quantities = try cliResult({ try InvariantFile.quantities(from: path) }),
      quantities.names.last == InvariantFile.approximateName
    {
      lines.append(
        "approximately conserved (not a law; `compare --laws` scores it as '\(InvariantFile.approximateName)'): \(quantities.formula(quantities.invariantCount - 1))"
      )
    }
    return lines.joined(separator: "\n")
  }

  private static func model(_ path: String) throws -> String {
    let (archive, system) = try cliResult { try ModelFile.read(from: path) }
    var lines = ["\(path): a trained \(archive.method) model (\(ModelFile.formatName)) of \(system)"]
    lines += archive.settings.sorted { $0.key < $1.key }.map { "  \($0.key) = \($0.value)" }
    lines += archive.arrays.sorted { $0.key < $1.key }.map {
      "  \($0.key) \($0.value.shape.map(String.init).joined(separator: " × "))"
    }
    return lines.joined(separator: "\n")
  }
}
