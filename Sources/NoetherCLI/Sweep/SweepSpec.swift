import Foundation
import NoetherCompare

/// A sweep's axes, read from a small JSON file (docs/sweeps.md):
///
/// ```json
/// { "systems": ["spring-mass", "kepler"], "methods": ["baseline", "concernet"],
///   "seeds": 5, "noise": [0, 0.01, 0.1, 1.0], "trajectories": [10, 50], "points": [100],
///   "protocol": "reference", "epochs": 1000 }
/// ```
///
/// `systems` is required unless `records` (measured records, `compare --data` files) is
/// given. `seeds` is a count (the protocol's seed, +1, …) or a list of seeds; `noise`,
/// `trajectories` (training trajectories) and `points` (points per trajectory) are
/// lists, each defaulting to the protocol's one value. The grid is their product, and
/// each record with each seed; every task is one system × noise × trajectories × points
/// × seed, or one record × seed, and runs all the methods, so methods stay paired by seed. Every other field is an option
/// of `noether compare` (`ComparisonOptions`) under its name in snake case
/// (`step_projection`, `lr_drop`, `sindy_library`; `methods` as a list, a flag as true or
/// false), parsed by the same declaration, plus `derivatives`.
public struct SweepSpec: Sendable, Equatable {
  public var name: String?
  public var systems: [String]
  /// Measured records (`compare --data` files: HDF5 or tables), as absolute paths; each
  /// is a cell of its own, its data fixed (no noise or size axes). Empty: none.
  public var records: [String] = []
  /// Explicit seeds, or nil with `seedCount` seeds from the protocol's.
  public var seeds: [UInt64]?
  public var seedCount = 1
  public var noise: [Double]?
  public var trajectories: [Int]?
  public var points: [Int]?
  /// The comparison every task runs (system, noise, sizes and seed aside): what the
  /// spec's option fields set, through `ComparisonOptions`.
  public var comparison = ComparisonRequest(system: "")
  /// The derivatives' estimate from the states (`compare --derivatives`); nil: the data's own.
  public var derivatives: String?
  /// Sub-grids: each is the top level's fields overridden by one entry of `grids`; the
  /// sweep is their union (empty: the top level is the one grid).
  public var grids: [SweepSpec] = []

  public init(systems: [String]) { self.systems = systems }

  /// The grids whose product the plan expands: `grids`, or this spec alone.
  public var expanded: [SweepSpec] { grids.isEmpty ? [self] : grids }

  /// The fields of the grid itself; every other field a spec may have is an option.
  static let gridFields = [
    "name", "systems", "records", "seeds", "noise", "trajectories", "points", "derivatives", "grids",
  ]

  /// `ComparisonOptions`' names in snake case (`step_projection`).
  static var optionFields: [String] {
    ComparisonOptions.names.map { $0.replacingOccurrences(of: "-", with: "_") }
  }

  /// The fields a spec may have.
  public static var fields: [String] { gridFields + optionFields }

  /// Most tasks one sweep may plan.
  public static let maximumTasks = 1_000_000

  /// Reads and checks a spec file.
  /// - Throws: `CommandLineError`, one line naming the file and the field.
  public static func read(from path: String) throws -> SweepSpec {
    guard let data = FileManager.default.contents(atPath: path) else {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      throw CommandLineError(
        "sweep spec '\(path)': "
          + (exists ? (isDirectory.boolValue ? "is a directory" : "cannot be read") : "no such file")
          + "; pass a JSON file as docs/sweeps.md describes.")
    }
    return try parse(data, path: path)
  }

  /// Parses and checks spec text; `path` names it in errors.
  public static func parse(_ data: Data, path: String) throws -> SweepSpec {
    func fail(_ message: String) -> CommandLineError {
      CommandLineError("sweep spec '\(path)': \(message) (docs/sweeps.md).")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any]
    else {
      throw fail("not a JSON object; write { \"systems\": [\"spring-mass\"], … }")
    }
    if let unknown = fields.keys.sorted().first(where: { !Self.fields.contains($0) }) {
      throw fail("unknown field '\(unknown)'; valid fields: \(Self.fields.joined(separator: ", "))")
    }
    if let value = fields["grids"] {
      guard let entries = value as? [Any], !entries.isEmpty else {
        throw fail("field 'grids' must be a non-empty list of objects, got \(Self.shown(value))")
      }
      var top = fields
      top["grids"] = nil
      var spec = try parse(fields: top, path: path)
      spec.grids = try entries.enumerated().map { k, entry in
        guard let overrides = entry as? [String: Any], overrides["grids"] == nil, overrides["name"] == nil
        else {
          throw fail("grids[\(k)] must be an object without 'grids' or 'name', got \(Self.shown(entry))")
        }
        if let unknown = overrides.keys.sorted().first(where: { !Self.fields.contains($0) }) {
          throw fail(
            "unknown field '\(unknown)' in grids[\(k)]; valid fields: \(Self.fields.joined(separator: ", "))")
        }
        do {
          return try parse(fields: top.merging(overrides) { $1 }, path: path)
        } catch let error as CommandLineError {
          throw CommandLineError(
            error.description.replacingOccurrences(
              of: "sweep spec '\(path)': ", with: "sweep spec '\(path)', grids[\(k)]: "))
        }
      }
      let count = spec.grids.map(\.taskCount).reduce(0, +)
      guard count <= maximumTasks else {
        throw fail("the grids have \(count) tasks, more than \(maximumTasks); split them into several sweeps")
      }
      return spec
    }
    return try parse(fields: fields, path: path)
  }

  /// The tasks this spec's grid has (its own axes; not `grids`).
  var taskCount: Int {
    (systems.count * (noise?.count ?? 1) * (trajectories?.count ?? 1) * (points?.count ?? 1) + records.count)
      * (seeds?.count ?? seedCount)
  }

  /// Parses one grid's fields (no `grids`).
  private static func parse(fields: [String: Any], path: String) throws -> SweepSpec {
    func fail(_ message: String) -> CommandLineError {
      CommandLineError("sweep spec '\(path)': \(message) (docs/sweeps.md).")
    }
    func strings(_ key: String) throws -> [String]? {
      guard let value = fields[key] else { return nil }
      guard let list = value as? [String], !list.isEmpty, Set(list).count == list.count else {
        throw fail("field '\(key)' must be a non-empty list of distinct names, got \(Self.shown(value))")
      }
      return list
    }
    func string(_ key: String) throws -> String? {
      guard let value = fields[key] else { return nil }
      guard let text = value as? String, !text.isEmpty else {
        throw fail("field '\(key)' must be a non-empty string, got \(Self.shown(value))")
      }
      return text
    }
    func integers(_ key: String, in range: ClosedRange<Int>) throws -> [Int]? {
      guard let value = fields[key] else { return nil }
      guard let list = value as? [Any], !list.isEmpty else {
        throw fail(
          "field '\(key)' must be a non-empty list of whole numbers in \(range), got \(Self.shown(value))")
      }
      return try list.map { item in
        guard let number = Self.wholeNumber(item), range.contains(number) else {
          throw fail("field '\(key)' must hold whole numbers in \(range), got \(Self.shown(item))")
        }
        return number
      }
    }
    let records = try SweepRecords.records(fields, path: path)
    guard let systems = try strings("systems") ?? (records.isEmpty ? nil : []) else {
      throw fail("the field 'systems' is missing; name at least one system, or give 'records'")
    }
    var spec = SweepSpec(systems: systems)
    spec.records = records
    spec.name = try string("name")
    _ = try strings("methods")  // distinct names
    try options(fields, path: path).apply(to: &spec.comparison)
    // Files the options name are, like records, relative to the spec file.
    spec.comparison.laws = spec.comparison.laws.map { SweepRecords.resolved($0, againstSpec: path) }
    if let file = spec.comparison.enforcedFile {
      spec.comparison.enforce = SweepRecords.resolved(file, againstSpec: path)
    }
    spec.derivatives = try string("derivatives").flatMap { $0 == "given" ? nil : $0 }
    if let value = fields["seeds"] {
      switch try seeds(value, path: path) {
      case .count(let count): spec.seedCount = count
      case .list(let list): spec.seeds = list
      }
    }
    if let value = fields["noise"] {
      guard let list = value as? [Any], !list.isEmpty else {
        throw fail("field 'noise' must be a non-empty list of numbers ≥ 0, got \(Self.shown(value))")
      }
      spec.noise = try list.map { item in
        guard let number = Self.number(item), number.doubleValue >= 0, number.doubleValue.isFinite
        else {
          throw fail("field 'noise' must hold finite numbers ≥ 0, got \(Self.shown(item))")
        }
        return number.doubleValue
      }
    }
    spec.trajectories = try integers("trajectories", in: 1...ComparisonRequest.maximumTrajectories)
    spec.points = try integers("points", in: 2...ComparisonRequest.maximumPoints)
    if let epochs = spec.comparison.epochs, !(1...ComparisonRequest.maximumEpochs).contains(epochs) {
      throw fail(
        "field 'epochs' must be a whole number in 1…\(ComparisonRequest.maximumEpochs), got \(epochs)")
    }
    let reference = spec.comparison.referenceMethod
    if let methods = spec.comparison.methods, (spec.seeds?.count ?? spec.seedCount) >= 2,
      !methods.contains(reference)
    {
      throw fail(
        "field 'reference' ('\(reference)') is not among 'methods'; the tables pair every method with it seed by seed, so add it or set 'reference'"
      )
    }
    let count = spec.taskCount
    guard count <= maximumTasks else {
      throw fail("the grid has \(count) tasks, more than \(maximumTasks); split it into several sweeps")
    }
    return spec
  }

  /// The spec's option fields parsed by `ComparisonOptions`, as `compare` would parse
  /// the same options: a string as the option's value, a number as its text, a list of
  /// strings joined by commas, true as a flag (false leaves it out).
  /// - Throws: `CommandLineError` naming the file and the field.
  private static func options(_ fields: [String: Any], path: String) throws -> ComparisonOptions {
    var arguments = [String]()
    for key in optionFields {
      guard let value = fields[key] else { continue }
      let option = "--" + key.replacingOccurrences(of: "_", with: "-")
      let text: String?
      if let list = value as? [String] {
        text = list.joined(separator: ",")
      } else if let flag = value as? Bool, number(value) == nil {
        if flag { arguments.append(option) }
        continue
      } else if let whole = wholeNumber(value) {
        text = "\(whole)"
      } else if let number = number(value) {
        text = "\(number.doubleValue)"
      } else {
        text = value as? String
      }
      guard let text, !text.isEmpty else {
        throw CommandLineError(
          "sweep spec '\(path)': field '\(key)' must be a value of `noether compare \(option)`, got \(shown(value)) (docs/sweeps.md)."
        )
      }
      arguments += [option, text]
    }
    do {
      return try ComparisonOptions.parse(arguments)
    } catch {
      let message = ComparisonOptions.message(for: error).replacingOccurrences(of: "\n", with: " ")
      throw CommandLineError(
        "sweep spec '\(path)': \(message) (as the spec field of that name in snake case; docs/sweeps.md).")
    }
  }

  /// A JSON number that is a whole number (not a Boolean), as an Int.
  static func wholeNumber(_ value: Any) -> Int? {
    guard let number = number(value) else { return nil }
    let double = number.doubleValue
    guard double.isFinite, double == double.rounded(), abs(double) < 9e15 else { return nil }
    return Int(double)
  }

  /// A JSON number (JSONSerialization's Booleans are NSNumbers too, of their own class).
  static func number(_ value: Any) -> NSNumber? {
    guard let number = value as? NSNumber, !String(describing: type(of: value)).contains("Boolean") else {
      return nil
    }
    return number
  }

  /// A value as it appears in the spec, shortened for an error line.
  static func shown(_ value: Any) -> String {
    let text: String
    if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) {
      text = String(decoding: data, as: UTF8.self)
    } else {
      text = "\(value)"
    }
    return text.count > 60 ? String(text.prefix(57)) + "…" : text
  }
}
