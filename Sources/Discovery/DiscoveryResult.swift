import NoetherCore
import SINDy

/// What ``InvariantDiscovery`` found: the laws (formulas and their statistics), the
/// conserved combinations it did not report and why, and the figures of the test itself.
public struct DiscoveryResult: Sendable {
  /// The laws as formulas (empty when the library's span holds none).
  public internal(set) var invariants: SymbolicInvariant
  /// Per law (in the order of `invariants`), its statistics.
  public let laws: [DiscoveredLaw]
  /// The conserved combinations left out, each with the rule that decided.
  public let rejected: [RejectedCandidate]
  /// How many laws are functionally independent (the rank of their gradients at the
  /// data, median over points): Kepler's E, L, A_x, A_y are 3.
  public let independentCount: Int
  /// Data points used (points where the noise model breaks down are left out).
  public let keptPoints: Int
  /// Conserved directions of the library the data never excite (counted, not listed).
  public let unexcited: Int
  /// The smallest noise ratios of the whole library, ascending: those below `threshold`
  /// are conserved directions; the first one above shows the gap.
  public let spectrum: [Double]
  /// λ below this counts as conserved: 1 + z·√(2/dof).
  public let threshold: Double
  /// The noise level the test assumed.
  public let noise: NoiseLevel
  /// Library terms left out because they do not vary along the data (a constant).
  public let constantTerms: [String]
  /// A library term that is not finite at some states, how many points of the
  /// trajectories kept it left out, and how many trajectories it left out whole (fewer
  /// than 3 defined points); nil when every term is finite everywhere.
  public var undefinedTerm: (term: String, points: Int, trajectories: Int)?
  /// The trajectories discovery used when it left some out whole (nil: all).
  public var definedTrajectories: [Int]?
  /// Where no law was found: a combination trajectories keep approximately, if any.
  public var approximate: ApproximateLaw?
  /// The balance laws dC/dt = s found with a source library (`InvariantDiscovery.sources`),
  /// simplest first; empty without one.
  public var balanceLaws: [BalanceLaw] = []
  /// The source library, its spec and term names when balance laws were sought.
  public var sourceLibrary: (any FeatureLibrary)?
  public var sourceSpec: String?
  public var sourceTermNames: [String] = []
  /// λ below this counts as balanced (the balance model's threshold, over every point).
  public var balanceThreshold = Double.nan
  /// The most source terms and quantity terms the balance search tried (3 and 3 unless
  /// the libraries are large: `BalanceLawSearch.supportBudget`).
  public var balanceSearchLimits = (sourceTerms: 0, quantityTerms: 0)

  /// The gap a count on exact data needs between its conserved directions and the rest.
  public static let reliableGap = 1e3

  /// On exact data (σ = 0), the smallest noise ratio above the threshold over the largest
  /// |λ| at or below it (1 when every direction passes). A law of exact data holds to the
  /// integrator's error, far below the rest; too few trajectories leave directions they
  /// merely do not separate just under the threshold, with no gap, and the count is not
  /// to be trusted below `reliableGap`. Nil on noisy data or when nothing passes.
  public var exactCountGap: Double? {
    guard noise.isExact else { return nil }
    let passing = spectrum.filter { $0 <= threshold }.map(abs)
    guard let largest = passing.max() else { return nil }
    guard let next = spectrum.first(where: { $0 > threshold }) else { return 1 }
    return next / max(largest, .leastNormalMagnitude)
  }

  /// Conserved combinations left out because they drift slowly in time.
  public var drifting: Int { rejected.filter { $0.rule == .drifting }.count }
  /// Conserved combinations left out as near zero everywhere, or never excited by the
  /// data: directions, not laws.
  public var vanishing: Int { rejected.filter { $0.rule == .vanishing }.count + unexcited }
  /// The combinations left out as functions of the laws (`I3 = energy²`), as text
  /// (restatements of a single law not included).
  public var dependent: [String] { rejected.filter(\.isDependent).map(\.formula) }
}
