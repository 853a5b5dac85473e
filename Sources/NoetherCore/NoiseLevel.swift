/// The noise on a record's states, resolved once where the data are made or read: exact
/// (σ = 0), given (by the protocol, a file's `noise` attribute or an option), or estimated
/// from the states. Everything downstream (data files, differentiation, the methods'
/// context, discovery) takes this one value; there is no NaN or optional σ inward of it.
public struct NoiseLevel: Sendable, Hashable, CustomStringConvertible {
  /// Where the level comes from.
  public enum Source: String, Sendable, Hashable {
    /// Noise-free data (σ = 0 given).
    case exact
    /// Stated by whoever made the data (a protocol, a file, an option).
    case given
    /// Estimated from the states (`estimatedNoise(of:dimension:times:)`: third differences).
    case estimated
  }

  public let source: Source
  /// σ of the noise on every state component, the one level discovery's noise model uses:
  /// the given σ, or for an estimate the median over trajectories and components.
  public let sigma: Double
  /// σ per state component: an estimate's, or the levels a file or an option stated by
  /// component; nil when one σ was given for all.
  public let components: [Double]?

  /// Noise-free data.
  public static let exact = NoiseLevel(source: .exact, sigma: 0, components: nil)

  private init(source: Source, sigma: Double, components: [Double]?) {
    self.source = source
    self.sigma = sigma
    self.components = components
  }

  /// A stated σ (0: exact data).
  /// - Throws: `NoetherError.invalidParameter` unless σ is finite and ≥ 0.
  public init(given sigma: Double) throws {
    guard sigma >= 0, sigma.isFinite else {
      throw NoetherError.invalidParameter(
        name: "noise", value: "\(sigma)", requirement: "must be a finite number ≥ 0")
    }
    self.init(source: sigma == 0 ? .exact : .given, sigma: sigma, components: nil)
  }

  /// Levels stated by component (a record in mixed units: radians and radians per
  /// second); `sigma` is their median, the one level discovery's noise model works with
  /// (in coordinates where every component's noise is that level), or the median of the
  /// positive levels when that is 0. Equal levels are one σ.
  /// - Throws: `NoetherError.invalidParameter` unless there is at least one level and
  ///   each is finite and ≥ 0.
  public init(givenByComponent levels: [Double]) throws {
    guard let first = levels.first, levels.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
      throw NoetherError.invalidParameter(
        name: "noise", value: levels.map { "\($0)" }.joined(separator: ","),
        requirement: "must be one finite number ≥ 0 per state component")
    }
    guard levels.contains(where: { $0 != first }) else {
      try self.init(given: first)
      return
    }
    // Components stated noise-free do not make the data exact while others are noisy.
    let middle = Self.median(levels)
    self.init(
      source: .given, sigma: middle > 0 ? middle : Self.median(levels.filter { $0 > 0 }), components: levels)
  }

  /// The level of data that do not state one: per trajectory and component
  /// `estimatedNoise(of:dimension:times:)`; `sigma` the median over all of them, `components`
  /// the median over trajectories of each component.
  public static func estimated(from set: TrajectorySet) -> NoiseLevel {
    let perTrajectory = (0..<set.trajectoryCount).map {
      NoetherCore.estimatedNoise(
        of: set.trajectory($0).values, dimension: set.dimension, times: set.times(of: $0))
    }
    let components = (0..<set.dimension).map { j in median(perTrajectory.map { $0[j] }) }
    return NoiseLevel(source: .estimated, sigma: median(perTrajectory.flatMap { $0 }), components: components)
  }

  /// The upper median (the element at count/2 of the sorted values); 0 for none.
  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
  }

  /// True for noise-free data (σ = 0): discovery's tests then allow only the integrator's error.
  public var isExact: Bool { sigma == 0 }

  /// σ as the data's maker stated it for every component; nil for an estimate or for
  /// levels stated by component (`statedComponents`).
  public var statedSigma: Double? { source == .estimated || components != nil ? nil : sigma }

  /// The levels the data's maker stated by component; nil for one σ or an estimate.
  public var statedComponents: [Double]? { source == .given ? components : nil }

  /// The per-component levels beside the state names, `theta 0.0031, omega 0.012`; nil
  /// when the level is one σ for all (or the names do not match).
  public func componentText(stateNames: [String]) -> String? {
    guard let components, components.count == stateNames.count, components.count > 1 else { return nil }
    return zip(stateNames, components).map { "\($0) \(NumberFormat.short($1))" }.joined(separator: ", ")
  }

  /// `σ = 0.0042 (estimated from the states; by component theta 0.0031, omega 0.012)`, or
  /// `(given by component; …)`: the description with each component's level when there
  /// is one per component.
  public func description(stateNames: [String]) -> String {
    guard let text = componentText(stateNames: stateNames) else { return description }
    let origin = source == .estimated ? "estimated from the states" : "given"
    return "σ = \(NumberFormat.short(sigma)) (\(origin); by component \(text))"
  }

  /// `σ = 0.01`, `exact`, `σ = 0.0042 (estimated from the states)` or `σ = 0.0042 (given by
  /// component)`.
  public var description: String {
    switch source {
    case .exact: return "exact (σ = 0)"
    case .given:
      return components == nil ? "σ = \(sigma)" : "σ = \(NumberFormat.short(sigma)) (given by component)"
    case .estimated: return "σ = \(NumberFormat.short(sigma)) (estimated from the states)"
    }
  }
}
