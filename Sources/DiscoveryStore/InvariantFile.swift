import Discovery
import NoetherCore
import NoetherStore
import SINDy

/// Discovered invariants in HDF5 (docs/hdf5-schema.md, format `noether-invariants`):
/// root attributes `system`, `library` (the spec), `state_names`, `names`,
/// `term_names`, `noise`, `independent_count`; datasets `coefficients` [m, p] and
/// `noise_ratios`, `spreads`, `rounded`, `drift_z` [m]; the candidates left out as
/// attributes `rejected_formulas` and `rejected_rules` and dataset `rejected_figures` [k]
/// (`RejectedCandidate`). With balance laws (discovery with sources): attributes
/// `source_library`, `source_term_names`, `balance_names`, `balance_kinds`, and datasets
/// `balance_coefficients` [k, p], `balance_sources` [k, q], `balance_noise_ratios` [k].
/// Where no law held but a combination is approximately conserved: attribute
/// `approximate_formula` and dataset `approximate_coefficients` [p]. Read back as a
/// `SymbolicInvariant` (the conservation laws), a `SymbolicBalance` (all laws) or every
/// quantity to score (`quantities(from:registry:)`), with the libraries rebuilt from
/// their specs (`FeatureLibraryRegistry`).
public enum InvariantFile {
  public static let formatName = "noether-invariants"
  public static let formatVersion = 1.0

  /// Writes `result` atomically.
  public static func write(_ result: DiscoveryResult, system: String, to path: String) throws {
    let invariants = result.invariants
    try hdf5Mutex.withLock { _ in
      try writeAtomically(to: path) { temporary in
        let file = try HDF5File.create(temporary)
        try file.writeHeader(format: formatName, version: formatVersion)
        try file.setAttribute("system", string: system)
        try file.setAttribute("library", string: invariants.librarySpec)
        try file.setAttribute("state_names", strings: invariants.stateNames)
        try file.setAttribute("names", strings: invariants.names)
        try file.setAttribute("term_names", strings: invariants.termNames)
        try file.setAttribute("noise", double: result.noise.sigma)
        try file.setAttribute("noise_source", string: result.noise.source.rawValue)
        try file.setAttribute("independent_count", double: Double(result.independentCount))
        let (m, p) = (invariants.invariantCount, invariants.termCount)
        try file.write("coefficients", doubles: invariants.coefficients, shape: [m, p])
        let laws = result.laws
        try file.write("noise_ratios", doubles: laws.map(\.noiseRatio), shape: [m])
        try file.write("spreads", doubles: laws.map(\.spread), shape: [m])
        try file.write("rounded", int32s: laws.map { $0.rounded ? 1 : 0 }, shape: [m])
        try file.write("drift_z", doubles: laws.map(\.drift), shape: [m])
        let rejected = result.rejected
        try file.setAttribute("rejected_formulas", strings: rejected.map(\.formula))
        try file.setAttribute("rejected_rules", strings: rejected.map(\.rule.rawValue))
        try file.write("rejected_figures", doubles: rejected.map(\.figure), shape: [rejected.count])
        if let approximate = result.approximate {
          try file.setAttribute("approximate_formula", string: approximate.formula)
          try file.write("approximate_coefficients", doubles: approximate.coefficients, shape: [p])
        }
        if let spec = result.sourceSpec {
          let laws = result.balanceLaws
          try file.setAttribute("source_library", string: spec)
          try file.setAttribute("source_term_names", strings: result.sourceTermNames)
          try file.setAttribute("balance_names", strings: laws.map(\.name))
          try file.setAttribute("balance_kinds", strings: laws.map(\.kind.rawValue))
          try file.write(
            "balance_coefficients", doubles: laws.flatMap(\.coefficients), shape: [laws.count, p])
          try file.write(
            "balance_sources", doubles: laws.flatMap(\.sourceCoefficients),
            shape: [laws.count, result.sourceTermNames.count])
          try file.write("balance_noise_ratios", doubles: laws.map(\.noiseRatio), shape: [laws.count])
        }
      }
    }
  }

  /// The invariants stored at `path`.
  /// - Throws: `StoreError` for a missing, unreadable or malformed file;
  ///   `NoetherError.unknownName` when its library names a term set not registered here.
  public static func read(from path: String, registry: FeatureLibraryRegistry = .shared) throws
    -> SymbolicInvariant
  {
    let (spec, stateNames, names, terms, coefficients) = try hdf5Mutex.withLock { _ in
      let file = try HDF5File.open(path)
      let format = try file.format()
      guard format == formatName else {
        throw StoreError.unsupportedFormat(
          path: path,
          found:
            "'\(format)' (discovered invariants are a '\(formatName)' file, as `noether discover --out` writes)"
        )
      }
      return (
        try file.stringAttribute("library"), try file.stringsAttribute("state_names"),
        try file.stringsAttribute("names"), try file.stringsAttribute("term_names"),
        try file.readDoubles("coefficients")
      )
    }
    let library = try registry.library(spec)
    let expected = library.featureNames(stateNames: stateNames)
    guard expected == terms, coefficients.shape == [names.count, terms.count] else {
      throw StoreError.wrongLayout(
        path: path, object: "coefficients",
        problem:
          "has shape \(coefficients.shape) for terms \(terms.prefix(4))…; library '\(spec)' here gives \(expected.count) terms"
      )
    }
    return SymbolicInvariant(
      library: library, librarySpec: spec, stateNames: stateNames, names: names,
      coefficients: coefficients.values)
  }

  /// The name the approximately conserved combination is stored and scored under.
  public static let approximateName = "approximate"

  /// Every quantity stored at `path`, to score models on (`compare --laws`): the
  /// conservation laws, the balance laws' quantities, and the approximately conserved
  /// combination (`approximate`), in that order; nil when the file holds none.
  /// - Throws: as `readBalance(from:registry:)`, and for a malformed approximate part.
  public static func quantities(from path: String, registry: FeatureLibraryRegistry = .shared) throws
    -> SymbolicInvariant?
  {
    let laws =
      try readBalance(from: path, registry: registry)?.quantities ?? read(from: path, registry: registry)
    let approximate = try hdf5Mutex.withLock { _ -> [Double]? in
      let file = try HDF5File.open(path)
      guard file.exists("approximate_coefficients") else { return nil }
      let values = try file.readDoubles("approximate_coefficients")
      guard values.shape == [laws.termCount] else {
        throw StoreError.wrongLayout(
          path: path, object: "approximate_coefficients",
          problem: "has shape \(values.shape), expected [\(laws.termCount)] (the library's terms)")
      }
      return values.values
    }
    let names = laws.names + (approximate == nil ? [] : [approximateName])
    guard !names.isEmpty else { return nil }
    return SymbolicInvariant(
      library: laws.library, librarySpec: laws.librarySpec, stateNames: laws.stateNames, names: names,
      coefficients: laws.coefficients + (approximate ?? []))
  }

  /// Every law stored at `path`, the conservation laws (source 0) then the balance laws,
  /// as a `SymbolicBalance`; nil when the file holds no balance law.
  /// - Throws: as `read(from:registry:)`, and for a malformed balance part.
  public static func readBalance(from path: String, registry: FeatureLibraryRegistry = .shared) throws
    -> SymbolicBalance?
  {
    let conserved = try read(from: path, registry: registry)
    let stored = try hdf5Mutex.withLock { _ -> (String, [String], [String], [Double], [Double])? in
      let file = try HDF5File.open(path)
      guard file.exists("balance_coefficients") else { return nil }
      return (
        try file.stringAttribute("source_library"), try file.stringsAttribute("source_term_names"),
        try file.stringsAttribute("balance_names"), try file.readDoubles("balance_coefficients").values,
        try file.readDoubles("balance_sources").values
      )
    }
    guard let (spec, sourceTerms, names, coefficients, sources) = stored, !names.isEmpty else { return nil }
    let sourceLibrary = try registry.library(spec)
    let (p, q) = (conserved.termCount, sourceTerms.count)
    guard sourceLibrary.featureNames(stateNames: conserved.stateNames) == sourceTerms,
      coefficients.count == names.count * p, sources.count == names.count * q
    else {
      throw StoreError.wrongLayout(
        path: path, object: "balance_sources",
        problem: "does not match source library '\(spec)' (\(q) terms) and \(names.count) balance laws")
    }
    let quantities = SymbolicInvariant(
      library: conserved.library, librarySpec: conserved.librarySpec, stateNames: conserved.stateNames,
      names: conserved.names + names, coefficients: conserved.coefficients + coefficients)
    return SymbolicBalance(
      quantities: quantities, sourceLibrary: sourceLibrary, sourceSpec: spec,
      sourceCoefficients: [Double](repeating: 0, count: conserved.invariantCount * q) + sources)
  }
}
