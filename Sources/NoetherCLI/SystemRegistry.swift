import NoetherCore
import NoetherSystems
import Synchronization

/// A system known to the command line, with how to make its data.
public struct RegisteredSystem: Sendable {
  public let system: any DynamicalSystem
  /// Makes a dataset with the given protocol (records the grid of field systems).
  public let generate: @Sendable (ReferenceProtocol) throws -> TrajectoryDataset
  /// True for field systems, which can also be exported in PDEBench's layout.
  public let isField: Bool
}

/// The systems the command line can name. It starts with the built-in systems; a
/// user's executable registers its own before running ``NoetherCommand``:
///
/// ```swift
/// SystemRegistry.shared.register(Pendulum())
/// NoetherCommand.main()
/// ```
public final class SystemRegistry: Sendable {
  /// The registry the commands use.
  public static let shared = SystemRegistry(builtIns: true)

  private let entries = Mutex<[RegisteredSystem]>([])

  /// - Parameter builtIns: start with spring mass, chemical kinetics, Kepler and the heat equation.
  public init(builtIns: Bool = false) {
    if builtIns {
      register(SpringMass())
      register(ChemicalKinetics())
      register(Kepler())
      register(HeatEquation())
      for system in BuiltInSystems.discovery { register(system) }
    }
  }

  /// Registers a system, replacing any registered under the same name.
  public func register(_ system: some DynamicalSystem) {
    add(
      RegisteredSystem(
        system: system, generate: { try DatasetGenerator().generate(system, protocol: $0) },
        isField: false))
  }

  /// Registers a field system (its datasets record the grid and export to PDEBench).
  public func register(_ system: some FieldSystem) {
    add(
      RegisteredSystem(
        system: system, generate: { try DatasetGenerator().generate(system, protocol: $0) },
        isField: true))
  }

  private func add(_ entry: RegisteredSystem) {
    entries.withLock { list in
      list.removeAll { $0.system.name == entry.system.name }
      list.append(entry)
    }
  }

  /// Every registered system, in registration order.
  public var all: [RegisteredSystem] { entries.withLock { $0 } }

  /// The names of the registered systems.
  public var names: [String] { all.map(\.system.name) }

  /// The system registered as `name`; else, when `record` is a dataset of a system of
  /// that name, the record's own (`RecordedSystem`: no field, no known invariants).
  /// - Throws: `NoetherError.unknownName` listing the valid names.
  public func entry(named name: String, record: TrajectoryDataset?) throws -> RegisteredSystem {
    if let entry = all.first(where: { $0.system.name == name }) { return entry }
    guard let record, record.systemName == name else { return try entry(named: name) }
    let system = RecordedSystem(record: record)
    return RegisteredSystem(
      system: system,
      generate: { _ in
        throw NoetherError.notApplicable(
          method: "generate",
          reason: "'\(name)' is a measured record with no vector field; it cannot generate data")
      }, isField: false)
  }

  /// The system registered as `name`.
  /// - Throws: `NoetherError.unknownName` listing the valid names.
  public func entry(named name: String) throws -> RegisteredSystem {
    guard let entry = all.first(where: { $0.system.name == name }) else {
      throw NoetherError.unknownName(kind: "system", name: name, choices: names)
    }
    return entry
  }
}
