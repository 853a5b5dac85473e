import Foundation
import NoetherCore
import NoetherLearning

/// A discovery's result for people (formulas, how constant each is, R² against known
/// invariants) and as JSON.
public struct DiscoveryReport {
  public let result: DiscoveryResult
  public let system: any DynamicalSystem
  public let data: TrajectorySet
  public let seconds: Double

  /// - Parameters:
  ///   - result: what discovery found.
  ///   - system: the system, for its name and known invariants.
  ///   - data: the trajectories discovery was given; those it left out
  ///     (`DiscoveryResult.definedTrajectories`) are left out here too.
  ///   - seconds: how long discovery took.
  public init(result: DiscoveryResult, system: any DynamicalSystem, data: TrajectorySet, seconds: Double) {
    self.result = result
    self.system = system
    self.data = result.definedTrajectories.map(data.selecting) ?? data
    self.seconds = seconds
  }

  /// Significant digits the data support: about −log₁₀ of the noise relative to the
  /// states' size, plus one; 6 for exact data.
  public var digits: Int {
    let rms = (data.states.reduce(0) { $0 + $1 * $1 } / Double(max(data.states.count, 1))).squareRoot()
    guard !result.noise.isExact, rms > 0 else { return 6 }
    return min(max(Int((-log10(result.noise.sigma / rms)).rounded()) + 1, 2), 6)
  }

  /// Per found invariant, R² of each known invariant on it (over every data point where
  /// they are defined).
  public var r2: [[String: Double]] {
    Self.knownR2(of: result.invariants, against: system.invariants, at: definedStates)
  }

  /// The data points at which every found and known invariant is finite: all of them,
  /// unless a library term is undefined at a few noisy states (discovery left those out).
  var definedStates: StateBatch {
    let all = StateBatch(
      count: data.totalPointCount, dimension: data.dimension, values: data.states)
    guard result.undefinedTerm != nil else { return all }
    let columns = [result.invariants.values(at: all)] + system.invariants.map { $0.values(at: all) }
    let rows = (0..<all.count).filter { i in
      columns.allSatisfy { values in
        let m = values.count / max(all.count, 1)
        return (0..<m).allSatisfy { values[i * m + $0].isFinite }
      }
    }
    return all.selecting(rows)
  }

  /// Per found invariant, R² of its best fit by a polynomial of degree ≤ 3 in all the
  /// known invariants together (with an intercept): 1 for a law that is a function of
  /// them, such as E² or a lattice's I₃ − PH + P³/6, which no single known invariant
  /// explains linearly; NaN without known invariants.
  public var jointR2: [Double] {
    Self.jointKnownR2(of: result.invariants, against: system.invariants, at: definedStates)
  }

  /// Per output k of `invariants`, R² of its fit by the monomials of degree 1–3 in the
  /// known invariants' values at `states` (NaN without known invariants).
  public static func jointKnownR2(
    of invariants: any InvariantFunction, against known: [KnownInvariant], at states: StateBatch
  ) -> [Double] {
    let m = invariants.invariantCount
    guard !known.isEmpty else { return [Double](repeating: .nan, count: m) }
    let values = invariants.values(at: states)
    let knownValues = known.map { $0.values(at: states) }
    return (0..<m).map { k in
      let column = stride(from: k, to: values.count, by: m).map { values[$0] }
      return LawStatistics.fitOnPolynomials(column, of: knownValues)
    }
  }

  /// Per output k of `invariants`, R² of each known invariant on it at `states` (a linear
  /// fit with an intercept; NaN where it cannot be fitted), keyed by the known one's name.
  public static func knownR2(
    of invariants: any InvariantFunction, against known: [KnownInvariant], at states: StateBatch
  ) -> [[String: Double]] {
    let values = invariants.values(at: states)
    let m = invariants.invariantCount
    let targets = known.map { ($0.name, $0.values(at: states)) }
    return (0..<m).map { k in
      let column = stride(from: k, to: values.count, by: m).map { values[$0] }
      var out = [String: Double]()
      for (name, target) in targets {
        out[name] =
          (try? coefficientOfDetermination(target: target, features: column, featureCount: 1)) ?? .nan
      }
      return out
    }
  }

  /// The text lines of an approximately conserved combination: the formula and its figures.
  static func lines(_ law: ApproximateLaw) -> [String] {
    let heldOut =
      law.heldOutCancellation.map {
        "; on the test trajectories it was not fitted on \(NumberFormat.significant($0, digits: 2))"
      } ?? " (no test split to check it on)"
    let trend =
      law.decreasing == law.trajectories
      ? "decreasing on every trajectory"
      : law.decreasing == 0
        ? "increasing on every trajectory"
        : "decreasing on \(law.decreasing) of \(law.trajectories) trajectories"
    return [
      "approximately conserved (not a law): \(law.formula)",
      "    its terms' change along each trajectory cancels to \(NumberFormat.significant(law.cancellation, digits: 2))\(heldOut); spread within trajectories \(NumberFormat.scientific(law.withinRatio)) of the total; noise ratio λ = \(NumberFormat.significant(law.noiseRatio, digits: 3)) (beyond the noise); rate d/dt median \(NumberFormat.scientific(law.medianRate)) per time unit, \(trend)",
    ]
  }

  /// A JSON number, or null for NaN and infinities (which JSON cannot hold).
  public static func jsonNumber(_ value: Double) -> Any { value.isFinite ? value : NSNull() }

  /// The held-out figures in words, after a law's other figures.
  static func heldOutText(_ figures: HeldOutFigures?) -> String {
    guard let figures else { return "; held-out check not possible (too few points to split)" }
    if figures.spread.isFinite {
      return "; on held-out \(figures.folds.rawValue): spread \(NumberFormat.scientific(figures.spread))"
    }
    return
      "; on held-out \(figures.folds.rawValue): λ = \(NumberFormat.significant(figures.noiseRatio, digits: 4))\(figures.z.isFinite ? " (rise z = \(NumberFormat.significant(figures.z, digits: 2)))" : ""), drift z = \(NumberFormat.significant(figures.drift, digits: 2))"
  }

  /// The held-out figures as JSON (null when the check was not possible).
  static func heldOutObject(_ figures: HeldOutFigures?) -> Any {
    guard let figures else { return NSNull() }
    return [
      "folds": figures.folds.rawValue, "noise_ratio": jsonNumber(figures.noiseRatio),
      "z": jsonNumber(figures.z),
      "drift_z": jsonNumber(figures.drift), "spread": jsonNumber(figures.spread),
    ] as [String: Any]
  }

  public var text: String {
    let invariants = result.invariants
    var lines = [
      "\(system.name): library \(invariants.librarySpec) (\(invariants.termCount) terms\(result.constantTerms.isEmpty ? "" : ", constant left out: \(result.constantTerms.joined(separator: ", "))")), \(data.trajectoryCount) trajectories × \(data.lengthText) points (\(result.keptPoints) used), noise \(result.noise.components != nil ? result.noise.description(stateNames: invariants.stateNames) : "σ = \(result.noise.sigma)")"
    ]
    if let (term, points, trajectories) = result.undefinedTerm {
      let whole =
        trajectories == 0
        ? "" : ", and \(trajectories) trajectory(ies) left with fewer than 3 points where it is"
      lines.append(
        "left out: \(points) point(s) at which \(term) is not finite (ln of a value ≤ 0 or 1/r at 0, where noise pushed a state)\(whole)"
      )
    }
    let single = result.rejected.filter { $0.rule == .singleTrajectory }.count
    if single > 0 {
      lines.append(
        "no law claimed: the data are one trajectory, and every function of its own curve is constant along it, so the \(single) combination(s) that stay constant cannot be told from the curve's equation; trajectories from other initial states decide (a law takes a different value on each)"
      )
    } else if invariants.invariantCount == 0 && result.balanceLaws.isEmpty {
      lines.append(
        "no invariant in the span of this library: no combination of its terms stays constant along the trajectories beyond the noise (smallest noise ratio λ = \(NumberFormat.significant(result.spectrum.first ?? .nan)), threshold \(NumberFormat.significant(result.threshold)))"
      )
    }
    if let law = result.approximate { lines += Self.lines(law) }
    lines += balanceLines
    let r2 = self.r2
    let joint = self.jointR2
    for k in 0..<invariants.invariantCount {
      lines.append(invariants.formula(k, digits: digits))
      let law = result.laws[k]
      var detail =
        "    spread within trajectories \(NumberFormat.scientific(law.spread)) of the spread across; noise ratio λ = \(NumberFormat.significant(law.noiseRatio, digits: 4))\(law.drift.isFinite ? "; drift z = \(NumberFormat.significant(law.drift, digits: 2))" : ""); coefficients \(law.rounded ? "rounded (the data accept them)" : "fitted")\(Self.heldOutText(law.heldOut))"
      if !r2[k].isEmpty {
        detail +=
          "; R² "
          + r2[k].sorted { $0.key < $1.key }.map { "\($0.key) \(NumberFormat.fixed($0.value, digits: 6))" }
          .joined(separator: ", ")
          + (system.invariants.count > 0
            ? "; jointly (a polynomial in the known ones) \(NumberFormat.fixed(joint[k], digits: 6))" : "")
      }
      lines.append(detail)
    }
    if invariants.invariantCount > 0 {
      lines.append(
        "\(invariants.invariantCount) invariant(s), \(result.independentCount) functionally independent; noise ratios of the library: \(result.spectrum.map { NumberFormat.significant($0, digits: 3) }.joined(separator: ", ")) (conserved below \(NumberFormat.significant(result.threshold, digits: 4)))"
      )
    }
    if !result.noise.isExact, let smallest = result.spectrum.first, smallest < DriftTest.resolvableNoiseRatio
    {
      lines.append(
        "the data vary far less than the stated noise allows (smallest noise ratio λ = \(NumberFormat.significant(smallest, digits: 3)), where noise of that size gives about 1): the stated σ is too large, and a combination that changes by under a thousandth of it is not held to the drift test; state the noise smaller, or leave --noise out to use the file's own level (recorded, or estimated from the states)"
      )
    }
    if invariants.invariantCount > 0, let gap = result.exactCountGap, gap < DiscoveryResult.reliableGap {
      lines.append(
        "count unreliable: on exact data a law stands 10³× below the other directions or more, but the largest conserved noise ratio is only \(NumberFormat.significant(gap, digits: 3))× below the next; the trajectories do not separate the library's directions, and more of them, from other initial states, decide"
      )
    }
    for text in result.dependent.prefix(5) {
      lines.append("left out as a function of the invariants above: \(text)")
    }
    if result.dependent.count > 5 {
      lines.append("… and \(result.dependent.count - 5) more such combinations (--json lists them)")
    }
    if result.drifting > 0 {
      lines.append(
        "left out: \(result.drifting) combination(s) that drift slowly along the trajectories within the noise's size (the drift test: a smooth trend in time, not noise; not laws)"
      )
    }
    if result.vanishing > 0 {
      lines.append(
        "left out: \(result.vanishing) combination(s) near zero on all the data (directions the data do not excite)"
      )
    }
    lines.append("time \(NumberFormat.fixed(seconds, digits: 2)) s")
    return lines.joined(separator: "\n")
  }

  public var jsonObject: [String: Any] {
    let invariants = result.invariants
    let r2 = self.r2
    let joint = self.jointR2
    let items: [[String: Any]] = (0..<invariants.invariantCount).map { k in
      let p = invariants.termCount
      var terms = [String: Double]()
      for (j, name) in invariants.termNames.enumerated() where invariants.coefficients[k * p + j] != 0 {
        terms[name] = invariants.coefficients[k * p + j]
      }
      let law = result.laws[k]
      return [
        "name": invariants.names[k], "kind": "conserved", "formula": invariants.formula(k, digits: digits),
        "terms": terms,
        "spread": law.spread, "noise_ratio": law.noiseRatio, "rounded": law.rounded,
        "drift_z": Self.jsonNumber(law.drift), "held_out": Self.heldOutObject(law.heldOut),
        "r2": r2[k].mapValues(Self.jsonNumber), "r2_known_jointly": Self.jsonNumber(joint[k]),
      ]
    }
    let approximate: [[String: Any]] =
      result.approximate.map { law in
        var terms = [String: Double]()
        for (j, name) in invariants.termNames.enumerated() where law.coefficients[j] != 0 {
          terms[name] = law.coefficients[j]
        }
        return [
          [
            "kind": "approximate", "formula": law.formula, "terms": terms, "within_ratio": law.withinRatio,
            "cancellation": law.cancellation,
            "held_out_cancellation": law.heldOutCancellation.map(Self.jsonNumber) ?? NSNull(),
            "noise_ratio": Self.jsonNumber(law.noiseRatio), "median_rate": Self.jsonNumber(law.medianRate),
            "decreasing": law.decreasing, "trajectories": law.trajectories,
          ]
        ]
      } ?? []
    let rejected: [[String: Any]] = result.rejected.map {
      ["formula": $0.formula, "rule": $0.rule.rawValue, "figure": Self.jsonNumber($0.figure)]
    }
    return [
      "system": system.name, "library": invariants.librarySpec, "noise": result.noise.sigma,
      "noise_source": result.noise.source.rawValue,
      "noise_components": (result.noise.components ?? []).map(Self.jsonNumber),
      "invariants": items + balanceObjects,
      "approximate": approximate, "sources": result.sourceSpec ?? NSNull(),
      "balance_search": [
        "source_terms": result.balanceSearchLimits.sourceTerms,
        "quantity_terms": result.balanceSearchLimits.quantityTerms,
        "threshold": Self.jsonNumber(result.balanceThreshold),
      ],
      "rejected": rejected,
      "independent_count": result.independentCount, "threshold": result.threshold,
      "spectrum": result.spectrum,
      "exact_count_gap": result.exactCountGap.map { Self.jsonNumber($0) } ?? NSNull(),
      "count_reliable": (result.exactCountGap ?? .infinity) >= DiscoveryResult.reliableGap,
      "undefined_trajectories": result.undefinedTerm?.trajectories ?? 0,
      "undefined_points": result.undefinedTerm?.points ?? 0,
      "dependent": result.dependent, "drifting": result.drifting, "seconds": seconds,
    ]
  }
}
