import Foundation
import NoetherCore
import NoetherNN
import SINDy

/// Finds every conserved quantity in the span of a feature library, as formulas.
///
/// An invariant is a combination c of library terms Θ whose value does not change along
/// any trajectory. With R the rows Θ(x(tᵢ)) minus their trajectory's mean, M = RᵀR
/// measures how much Θ·c changes; with noise σ on the states, B is what the noise alone
/// contributes, so the generalised eigenproblem M c = λ B c has λ ≈ 1 for the conserved
/// directions and λ ≫ 1 for the others, and the threshold λ < 1 + z·√(2/dof) follows
/// from the noise level (docs/discovery.md).
///
/// `discover` is a pipeline of stages over one prepared value, each a type with its own
/// contract and tests: `PreparedData` (the library's values, the terms that vary, their
/// scales and forms), `PointFilter` (points where the noise model does not hold),
/// `NoiseModel` (M, B to second order, the threshold), `ConservedSpace` (degree by
/// degree, the excited span, echelon form, sparse rows; supports of up to three terms),
/// `LawPolish` (refinement and rounding), `LawScreening` (a verdict per candidate) and
/// `LawNaming`. These values are the settings; a run keeps its state in the stages.
public struct InvariantDiscovery: Sendable {
  public var library: any FeatureLibrary
  /// The library's spec (`poly3+central`), kept with the formulas.
  public var librarySpec: String
  /// z: how many standard deviations of λ above 1 still count as conserved.
  public var significance = 6.0
  /// Terms whose scaled coefficient is below this share of the largest are dropped.
  public var sparsity = 0.1
  /// A column whose entries in the estimated conserved space stay below this share of
  /// the largest (scaled) entry leads no invariant: such entries are the noise in the
  /// estimate, not a term of a law.
  public var pivotTolerance = 0.05
  /// Points where σ·‖∇θⱼ‖ exceeds this share of term j's spread are left out
  /// (`PointFilter`).
  public var noiseSensitivity = 1.0
  /// Singular values of the unit gradients below this share of the largest do not count
  /// towards the rank (the formulas' coefficients carry the noise's error, so an exact
  /// dependence such as A_x² + A_y² = 1 + 2EL² holds only to about that).
  public var rankTolerance = 0.03
  /// z beyond which a law's noise ratio on data it was not fitted on rejects it
  /// (`HeldOutCheck`; its drift z is held to `significance`). The true laws of the
  /// built-in systems scored held-out z from −5.6 to 4.0 (66 laws: σ 0.01 and 0.1, seeds
  /// 2023–2025), wider than N(0, 1): the noise model is second order.
  public var heldOutSignificance = 6.0
  /// A candidate whose R² on polynomials (degree ≤ 3) of the laws before it reaches this
  /// is a function of them.
  public var dependenceR2 = 1 - 1e-6
  /// A conserved direction counts only where its values' second moment about zero is at
  /// least this multiple of the noise's contribution (`ExcitedSpan`).
  public var excitation = 2.0

  /// The source library Φ of balance laws dC/dt = s (s sparse over Φ) and its spec; nil
  /// (the default) seeks conservation laws only (`BalanceLawSearch`).
  public var sources: (library: any FeatureLibrary, spec: String)?

  public init(library: any FeatureLibrary, librarySpec: String) {
    self.library = library
    self.librarySpec = librarySpec
  }

  /// Discovery on a library that knows its spec (`FeatureLibraryRegistry.library(_:)`).
  public init(library: SpecifiedLibrary) {
    self.init(library: library, librarySpec: library.spec)
  }

  /// The invariants of the trajectories in `data` (every split).
  /// - Parameters:
  ///   - data: the trajectories (states and times; the derivatives are not used).
  ///   - stateNames: one name per state component, for the formulas.
  ///   - noise: the noise on the states (`NoiseLevel.exact` for exact data).
  ///   - knownInvariants: a system's known invariants, to name and scale what is found.
  ///   - knownBalanceLaws: its known balance laws, to name and scale balance laws.
  /// Noise that differs by component (`NoiseLevel.components`) is handled in coordinates
  /// where it does not (`WhitenedCoordinates`); the formulas are over the same terms.
  /// Points at which a library term is not finite are left out, and trajectories left
  /// with fewer than 3 defined points (`DiscoveryResult.undefinedTerm` says which term
  /// and how many).
  /// - Throws: `NoetherError` for too little data, a library term undefined at more than
  ///   a tenth of the points, or balance laws sought on fewer than two trajectories where
  ///   every term is defined.
  public func discover(
    _ data: TrajectorySet, stateNames: [String], noise: NoiseLevel, knownInvariants: [KnownInvariant] = [],
    knownBalanceLaws: [KnownBalanceLaw] = []
  ) throws -> DiscoveryResult {
    NeuralRuntime.configure()  // one BLAS thread: the same bits whatever runs beside
    // Noise that differs by component (a record mixing units): work where it does not.
    let whitening = WhitenedCoordinates(noise: noise, dimension: data.dimension)
    let working: any FeatureLibrary =
      whitening.map { ScaledLibrary(base: self.library, coordinates: $0) } ?? self.library
    let known = whitening.map { w in knownInvariants.map(w.inWhitened) } ?? knownInvariants
    var prepared = try PreparedData(
      whitening?.whitened(data) ?? data, library: working, librarySpec: librarySpec, stateNames: stateNames,
      noise: noise)
    let unfiltered = prepared
    PointFilter(noiseSensitivity: noiseSensitivity).apply(to: &prepared)
    let model = try NoiseModel(prepared, significance: significance)
    let space = try ConservedSpace(prepared, model: model, settings: self)
    let forms = LawPolish(significance: significance, sparsity: sparsity)
      .polish(space.candidates, data: prepared, model: model)
    var screening = LawScreening(
      significance: significance, dependenceR2: dependenceR2, heldOutSignificance: heldOutSignificance)
    let check = forms.isEmpty ? nil : HeldOutCheck(prepared, significance: significance)
    var screened = screening.screen(forms, data: prepared, heldOut: check)
    var (invariants, laws) = LawNaming(knownInvariants: known).named(screened.laws, data: prepared)
    let dimension = data.dimension
    if prepared.isNoisy, dimension > 1,
      invariants.independentCount(at: prepared.states, rankTolerance: rankTolerance) >= dimension
    {
      // n independent laws in n dimensions would hold every trajectory still: some are
      // near-laws within the noise. Screen again, those that drift least first, up to n − 1.
      screening.flowRank = (dimension - 1, rankTolerance)
      screened = screening.screen(forms, data: prepared, heldOut: check)
      (invariants, laws) = LawNaming(knownInvariants: known).named(screened.laws, data: prepared)
    }
    var result = DiscoveryResult(
      invariants: invariants, laws: laws, rejected: screened.rejected,
      independentCount: invariants.independentCount(at: prepared.states, rankTolerance: rankTolerance),
      keptPoints: prepared.keptPoints.count, unexcited: space.unexcited, spectrum: space.spectrum,
      threshold: model.threshold, noise: noise, constantTerms: prepared.constantTerms)
    if whitening != nil {  // the formulas over the terms of x, as callers evaluate them
      result.invariants = SymbolicInvariant(
        library: self.library, librarySpec: librarySpec, stateNames: stateNames, names: invariants.names,
        coefficients: invariants.coefficients)
    }
    var split = data.split
    // The balance search integrates along whole trajectories: those with every point defined.
    var whole = unfiltered
    if let undefined = prepared.undefinedTerms {
      result.undefinedTerm = (
        undefined.firstTerm ?? "", undefined.leftOutPoints, undefined.leftOutTrajectories
      )
      if undefined.leftOutTrajectories > 0 { result.definedTrajectories = undefined.kept }
      split = undefined.kept.map { split[$0] }
      whole = unfiltered.selecting(trajectories: undefined.wholeTrajectories())
    }
    if let sources {
      guard whole.trajectoryCount >= 2 else {
        throw NoetherError.invalidParameter(
          name: "sources", value: "'\(sources.spec)'",
          requirement:
            "needs 2 trajectories on which every term of library '\(librarySpec)' is finite (the balance search integrates along whole trajectories); \(whole.trajectoryCount) are; choose another library"
        )
      }
      try BalanceLawSearch.checkSize(
        points: whole.pointCount, dimension: data.dimension, termCount: whole.termCount,
        sourceCount: sources.library.featureCount(dimension: data.dimension), spec: sources.spec)
      let working = whitening.map { ScaledLibrary(base: sources.library, coordinates: $0) } ?? sources.library
      // Every point: leaving out points by their noisy values biases the rows the
      // integrals run past (at σ = 0.1 with poly3, the damped oscillator's friction came
      // out 20 % low with the cubic terms' filter, 1 % off without it).
      let balanceModel = try NoiseModel(whole, significance: significance)
      let (candidates, sourceTerms, quantityTerms) = BalanceLawSearch(significance: significance).search(
        whole, model: balanceModel, sources: working, conservationLaws: invariants.invariantCount)
      let states = StateBatch(
        count: whole.pointCount, dimension: data.dimension,
        values: whitening?.original(whole.states).values ?? whole.states.values)
      result.balanceLaws = BalanceNaming(
        library: self.library, sources: sources.library, stateNames: stateNames, known: knownBalanceLaws,
        digits: Self.digits(noise: noise, states: states)
      ).named(candidates, states: states)
      (result.sourceLibrary, result.sourceSpec) = (sources.library, sources.spec)
      result.balanceThreshold = balanceModel.threshold
      result.balanceSearchLimits = (sourceTerms, quantityTerms)
      result.sourceTermNames = sources.library.featureNames(stateNames: stateNames)
    }
    if invariants.invariantCount == 0 && result.balanceLaws.isEmpty {
      result.approximate = ApproximateLawSearch().search(prepared, model: model, split: split)
    }
    return result
  }

  /// Significant digits the data support: about −log₁₀ of the noise relative to the
  /// states' RMS, plus one, within 2…6; 6 for exact data (as `DiscoveryReport.digits`).
  static func digits(noise: NoiseLevel, states: StateBatch) -> Int {
    let rms = (states.values.reduce(0) { $0 + $1 * $1 } / Double(max(states.values.count, 1))).squareRoot()
    guard !noise.isExact, rms > 0 else { return 6 }
    return min(max(Int((-log10(noise.sigma / rms)).rounded()) + 1, 2), 6)
  }
}
