import NoetherCompare
import NoetherCore
import NoetherLearning
import NoetherMethods
import Synchronization

/// A method known to the command line: its name, a line about it, and how to make it
/// from the common options for a problem.
public struct RegisteredMethod: Sendable {
  public let name: String
  public let summary: String
  public let make: @Sendable (MethodOptions, MethodProblem) throws -> any ComparisonMethod
  /// Run when `--methods` is not given (the paper's five and `concernet-exact` are).
  public var isDefault = true

  public init(
    name: String, summary: String, isDefault: Bool = true,
    make: @escaping @Sendable (MethodOptions, MethodProblem) throws -> any ComparisonMethod
  ) {
    self.name = name
    self.summary = summary
    self.isDefault = isDefault
    self.make = make
  }
}

/// The methods `--methods` can name. It starts with the built-in five, registered the
/// way a user's executable registers its own before running ``NoetherCommand``:
///
/// ```swift
/// MethodRegistry.shared.register(KnownPhysicsFit.self)
/// NoetherCommand.main()
/// ```
public final class MethodRegistry: Sendable {
  /// The registry the commands use.
  public static let shared = MethodRegistry(builtIns: true)

  private let entries = Mutex<[RegisteredMethod]>([])

  /// - Parameter builtIns: start with baseline, concernet, soft, hnn, sindy and concernet-exact
  ///   (the defaults), and dhnn.
  public init(builtIns: Bool = false) {
    guard builtIns else { return }
    register(BaselineMethod.self)
    register(ConCerNetMethod.self)
    register(SoftPenaltyMethod.self)
    register(HNNMethod.self)
    register(SINDyMethod.self)
    register(ConCerNetExactMethod.self)
    register(DHNNMethod.self, isDefault: false)
  }

  /// Registers a method type made from the common options (replacing one of its name);
  /// `isDefault`: run it when `--methods` is not given.
  public func register<Method: ConfigurableMethod>(_ type: Method.Type, isDefault: Bool = true) {
    register(
      RegisteredMethod(name: Method.methodName, summary: Method.summary, isDefault: isDefault) {
        options, problem in
        try Method(options: options, problem: problem)
      })
  }

  /// Registers a method made by a closure (replacing one of its name).
  public func register(_ method: RegisteredMethod) {
    entries.withLock { list in
      list.removeAll { $0.name == method.name }
      list.append(method)
    }
  }

  /// Every registered method, in registration order.
  public var all: [RegisteredMethod] { entries.withLock { $0 } }

  /// The names of the registered methods.
  public var names: [String] { all.map(\.name) }

  /// The names run when `--methods` is not given.
  public var defaultNames: [String] { all.filter(\.isDefault).map(\.name) }

  /// The methods named, made for `system` with `options`. A system above
  /// `options.latentSpace.threshold` dimensions gets each method wrapped in
  /// `LatentSpaceMethod` (one autoencoder per seed, shared).
  /// - Throws: `NoetherError.unknownName` listing the valid names; `invalidParameter`
  ///   for a name given twice or options a method cannot take.
  public func methods(named names: [String], options: MethodOptions, for system: any DynamicalSystem) throws
    -> [any ComparisonMethod]
  {
    if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
      throw NoetherError.invalidParameter(
        name: "--methods", value: "'\(repeated)' twice", requirement: "name each method once")
    }
    let latent = options.latentSpace
    let autoencoder = AutoencoderTraining(
      training: TrainingSettings(epochs: options.epochs ?? latent.autoencoderEpochs))
    return try names.map { name in
      guard let entry = all.first(where: { $0.name == name }) else {
        throw NoetherError.unknownName(kind: "method", name: name, choices: self.names)
      }
      guard latent.applies(to: system) else { return try entry.make(options, MethodProblem(system: system)) }
      let problem = LatentSpaceMethod.latentProblem(MethodProblem(system: system), autoencoder: autoencoder)
      let inner = try entry.make(options, problem)
      return LatentSpaceMethod(inner, autoencoder: autoencoder)
    }
  }
}
