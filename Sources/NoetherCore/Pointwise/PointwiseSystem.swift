/// A system declared state by state, in a few lines: its field as a formula of one state
/// (written with `Dual`s, like its invariants), the box its initial states are drawn from
/// uniformly, and its reference protocol. Batches are mapped state by state; the built-in
/// systems keep batched code where speed matters.
///
/// ```swift
/// let pendulum = PointwiseSystem(
///   "pendulum", states: ["q", "p"], box: [-2...2, -1...1],
///   invariants: [KnownInvariant("energy", "p²/2 − cos q") { x in x[1] * x[1] / 2 - cos(x[0]) }]
/// ) { x in [x[1], -sin(x[0])] }
/// ```
public struct PointwiseSystem: DynamicalSystem {
  public let name: String
  public let stateNames: [String]
  public let invariants: [KnownInvariant]
  public let referenceProtocol: ReferenceProtocol
  /// Per state component, the range initial states are drawn from (uniformly).
  public let box: [ClosedRange<Double>]
  /// The canonical (q, p) pairs, when the state is in canonical coordinates.
  public let canonicalPairs: [CanonicalPair]
  /// ẋ = f(x) at one state.
  public let field: @Sendable ([Dual]) -> [Dual]

  /// The protocol when none is given: 50 trajectories (25 to train) of 50 points over
  /// 5 time units, noise 0.01, evaluation over 10.
  public static let defaultProtocol = ReferenceProtocol(
    name: "pointwise", trajectoryCount: 50, trainingCount: 25, pointCount: 50, duration: 5,
    evaluationHorizon: 10)

  /// - Parameters:
  ///   - name: the system's identifier.
  ///   - states: one name per state component.
  ///   - box: per component, the range initial states are drawn from.
  ///   - protocol: the reference protocol (default ``defaultProtocol``).
  ///   - canonical: the (position, momentum) pairs by state name, when the state is in
  ///     canonical coordinates (`[("q", "p")]`); none by default.
  ///   - invariants: the known invariants.
  ///   - field: ẋ = f(x) at one state, written with `Dual`s.
  /// - Precondition: one range per state name; every canonical name a state name.
  public init(
    _ name: String, states: [String], box: [ClosedRange<Double>],
    protocol: ReferenceProtocol = defaultProtocol, canonical: [(String, String)] = [],
    invariants: [KnownInvariant] = [], field: @escaping @Sendable ([Dual]) -> [Dual]
  ) {
    precondition(box.count == states.count, "PointwiseSystem \(name): one range per state component")
    self.canonicalPairs = canonical.map { q, p in
      guard let position = states.firstIndex(of: q), let momentum = states.firstIndex(of: p) else {
        preconditionFailure("PointwiseSystem \(name): canonical pair (\(q), \(p)) names no state")
      }
      return CanonicalPair(position: position, momentum: momentum)
    }
    self.name = name
    self.stateNames = states
    self.box = box
    self.referenceProtocol = `protocol`
    self.invariants = invariants
    self.field = field
  }

  public var dimension: Int { stateNames.count }

  public func derivatives(at states: StateBatch) -> StateBatch {
    states.mapped { x in field(x.map { Dual($0) }).map(\.value) }
  }

  public func sampleInitialStates(
    count: Int, for purpose: SamplingPurpose, using generator: inout SeededGenerator
  ) -> StateBatch {
    .drawn(count, dimension: dimension) { box.map { generator.uniform($0.lowerBound, $0.upperBound) } }
  }
}

extension KnownInvariant {
  /// An invariant from its formula at one state, written with `Dual`s; its gradient is
  /// exact (forward mode, `Dual.gradient(of:at:)`).
  public init(_ name: String, _ formula: String, _ value: @escaping @Sendable ([Dual]) -> Dual) {
    self = .pointwise(
      name, formula, value: { value($0.map { Dual($0) }).value },
      gradient: { Dual.gradient(of: value, at: $0).gradient })
  }
}
