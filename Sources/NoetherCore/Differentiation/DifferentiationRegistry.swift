import Synchronization

/// Differentiation methods by name, so that `--derivatives NAME` can choose them:
///
/// - `finite-difference`: ``FiniteDifference`` (second order);
/// - `first-difference`: ``FirstDifference`` (first order, the HNN paper's real-pendulum estimate);
/// - `savitzky-golay[:window=W,order=P]`: ``SavitzkyGolay`` (window from the noise unless given);
/// - `total-variation[:alpha=A]`: ``TotalVariationDerivative`` (α from the noise unless given);
/// - any name registered from Swift, made for the data's noise level:
///
/// ```swift
/// DifferentiationRegistry.shared.register("my-spline") { noise in MySpline(noise: noise) }
/// ```
///
/// (`given`, the data's own derivatives, is the command line's, not a method.)
public final class DifferentiationRegistry: Sendable {
  /// Makes a differentiation for data of noise σ (nil: unknown, estimate it) and the
  /// `key=value` parameters after the name's colon.
  public typealias Factory =
    @Sendable (_ noise: Double?, _ parameters: [String: Double]) throws ->
    any Differentiation

  /// The registry the command line uses.
  public static let shared = DifferentiationRegistry()

  private let factories = Mutex<[String: Factory]>([:])

  public init() {
    register("finite-difference") { _, parameters in
      try Self.allow([], in: parameters, for: "finite-difference")
      return FiniteDifference()
    }
    register("first-difference") { _, parameters in
      try Self.allow([], in: parameters, for: "first-difference")
      return FirstDifference()
    }
    register("savitzky-golay") { noise, parameters in
      try Self.allow(["window", "order"], in: parameters, for: "savitzky-golay")
      let order = try Self.whole(parameters["order"] ?? 3, "savitzky-golay order", in: 1...8)
      let window = try parameters["window"].map {
        try Self.whole($0, "savitzky-golay window", in: (order + 2)...100_001)
      }
      if let window, window % 2 == 0 {
        throw NoetherError.invalidParameter(
          name: "savitzky-golay window", value: "\(window)", requirement: "must be odd")
      }
      return SavitzkyGolay(window: window, order: order, noise: noise)
    }
    register("total-variation") { noise, parameters in
      try Self.allow(["alpha"], in: parameters, for: "total-variation")
      if let alpha = parameters["alpha"], !(alpha > 0 && alpha.isFinite) {
        throw NoetherError.invalidParameter(
          name: "total-variation alpha", value: "\(alpha)", requirement: "must be a finite number > 0")
      }
      return TotalVariationDerivative(alpha: parameters["alpha"], noise: noise)
    }
  }

  /// Registers `factory` as `name` (replacing one of that name).
  /// - Precondition: the name is not empty and has no `:`, `,` or `=`.
  public func register(_ name: String, _ factory: @escaping Factory) {
    precondition(
      !name.isEmpty && !name.contains(where: { ":,=".contains($0) }),
      "DifferentiationRegistry: '\(name)' is malformed")
    factories.withLock { $0[name] = factory }
  }

  /// The registered names, sorted.
  public var names: [String] { factories.withLock { $0.keys.sorted() } }

  /// The differentiation `spec` names (`name` or `name:key=value,key=value`), for data
  /// of noise `noise` (nil: estimated from the data).
  /// - Throws: `NoetherError` naming an unknown method, parameter or a bad value.
  public func differentiation(_ spec: String, noise: Double? = nil) throws -> any Differentiation {
    let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
    let name = parts.first ?? ""
    guard let factory = factories.withLock({ $0[name] }) else {
      throw NoetherError.unknownName(kind: "differentiation", name: name, choices: names)
    }
    var parameters = [String: Double]()
    if parts.count == 2 {
      for item in parts[1].split(separator: ",") {
        let pair = item.split(separator: "=").map(String.init)
        guard pair.count == 2, let value = Double(pair[1]) else {
          throw NoetherError.invalidParameter(
            name: "\(name) parameter", value: "'\(item)'",
            requirement: "write key=number, e.g. \(name):window=11")
        }
        parameters[pair[0]] = value
      }
    }
    return try factory(noise.flatMap { $0.isFinite ? $0 : nil }, parameters)
  }

  /// The differentiation `spec` names for data of noise `level`: one stated σ, levels
  /// stated by component (`Differentiation.withNoise(byComponent:)`), or none stated (an
  /// estimate, which the method makes itself from each trajectory).
  /// - Throws: `NoetherError` naming an unknown method, parameter or a bad value.
  public func differentiation(_ spec: String, level: NoiseLevel) throws -> any Differentiation {
    let method = try differentiation(spec, noise: level.statedSigma)
    return level.statedComponents.map { method.withNoise(byComponent: $0) } ?? method
  }

  private static func allow(_ keys: [String], in parameters: [String: Double], for name: String) throws {
    if let unknown = parameters.keys.sorted().first(where: { !keys.contains($0) }) {
      throw NoetherError.invalidParameter(
        name: "\(name) parameter", value: "'\(unknown)'",
        requirement: keys.isEmpty ? "it takes none" : "it takes \(keys.joined(separator: ", "))")
    }
  }

  private static func whole(_ value: Double, _ key: String, in range: ClosedRange<Int>) throws -> Int {
    guard value == value.rounded(), value >= Double(range.lowerBound), value <= Double(range.upperBound)
    else {
      throw NoetherError.invalidParameter(
        name: key, value: "\(value)",
        requirement: "must be a whole number in \(range.lowerBound)…\(range.upperBound)")
    }
    return Int(value)
  }
}
