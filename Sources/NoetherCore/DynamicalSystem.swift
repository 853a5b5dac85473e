/// What an initial state is drawn for: making training data or evaluating models.
/// Some systems (chemical kinetics in the reference protocol) draw evaluation states
/// from a different distribution.
public enum SamplingPurpose: String, Sendable, CaseIterable {
  case training
  case evaluation
}

/// A continuous-time autonomous system ẋ = f(x) that Noether can generate data for,
/// learn, and evaluate models on.
///
/// Conform one Swift type and register it (see docs/extending.md); data generation,
/// every method, the comparison, HDF5 export and the command line then work with it.
public protocol DynamicalSystem: VectorField {
  /// A unique identifier, used on the command line and in files (for example `spring-mass`).
  var name: String { get }
  /// One name per state component, `dimension` of them.
  var stateNames: [String] { get }
  /// The quantities this system conserves, when they are known; empty otherwise.
  var invariants: [KnownInvariant] { get }
  /// The balance laws dC/dt = s(x) it is known to obey (a damped oscillator's energy and
  /// its friction); empty (the default) when none is known.
  var balanceLaws: [KnownBalanceLaw] { get }
  /// The protocol of its reference data: sizes, horizon, noise and seed.
  var referenceProtocol: ReferenceProtocol { get }
  /// The state's canonical (q, p) pairs, when it is in canonical coordinates; empty
  /// (the default) when it is not, or not known to be. A Hamiltonian network relies on them.
  var canonicalPairs: [CanonicalPair] { get }

  /// Draws `count` initial states.
  /// - Parameters:
  ///   - count: number of states.
  ///   - purpose: training data or evaluation rollouts.
  ///   - generator: the seeded generator to draw from.
  func sampleInitialStates(
    count: Int, for purpose: SamplingPurpose, using generator: inout SeededGenerator
  ) -> StateBatch
}

// MARK: - Default implementations

extension DynamicalSystem {
  /// No known invariants.
  public var invariants: [KnownInvariant] { [] }

  /// No known balance laws.
  public var balanceLaws: [KnownBalanceLaw] { [] }

  /// No canonical pairs declared.
  public var canonicalPairs: [CanonicalPair] { [] }

  /// A one-line description: name, dimension and invariants.
  public var summary: String {
    let names = invariants.map { "\($0.name) = \($0.formula)" }
    return
      "\(name) (dimension \(dimension); invariants: \(names.isEmpty ? "none known" : names.joined(separator: ", ")))"
  }

  /// Checks that `states` have this system's dimension and finite values.
  /// - Throws: `NoetherError.dimensionMismatch` or `NoetherError.nonFiniteValues`.
  public func validate(_ states: StateBatch, what: String) throws {
    guard states.dimension == dimension else {
      throw NoetherError.dimensionMismatch(
        what: what, expected: dimension, actual: states.dimension, system: name)
    }
    guard states.isFinite else { throw NoetherError.nonFiniteValues(what: what) }
  }
}

/// A system with a separable Hamiltonian H(q, p) = T(p) + V(q), state x = (q, p),
/// so that symplectic integrators (Störmer–Verlet) apply.
///
/// Its vector field must equal (∂T/∂p, −∂V/∂q); its canonical pairs are (qᵢ, pᵢ).
public protocol SeparableHamiltonianSystem: DynamicalSystem {
  /// The number of degrees of freedom: half the dimension.
  var degreesOfFreedom: Int { get }
  /// q̇ = ∂T/∂p for a batch of momenta (`count × degreesOfFreedom`).
  func positionRates(momenta: StateBatch) -> StateBatch
  /// ṗ = −∂V/∂q for a batch of positions (`count × degreesOfFreedom`).
  func momentumRates(positions: StateBatch) -> StateBatch
}

/// A system whose state samples a field on a 1-D grid (a discretised PDE), such as
/// the heat equation; its data can be exported in PDEBench's layout.
public protocol FieldSystem: DynamicalSystem {
  /// The grid coordinate of each state component, `dimension` of them.
  var gridCoordinates: [Double] { get }
}

extension SeparableHamiltonianSystem {
  /// (qᵢ, pᵢ): the first half of the state and the second, in order.
  public var canonicalPairs: [CanonicalPair] { CanonicalPair.halves(dimension: dimension) }
}
