import Foundation
import NoetherCore

extension DiscoveryReport {
  /// The balance laws as text: `energy = 0.5 q² + 0.5 p²,  d/dt energy = −0.2 p²  (dissipated)`
  /// and a line of figures each; a line saying none was found when sources were given.
  var balanceLines: [String] {
    guard let spec = result.sourceSpec else { return [] }
    let limits = result.balanceSearchLimits
    if result.balanceLaws.isEmpty {
      return [
        "no balance law dC/dt = s with s in \(spec) (sources of up to \(limits.sourceTerms) terms, quantities of up to \(limits.quantityTerms)): the pairs that hold restate one term's rate (q̇ = p) or cancel no more than any two terms can\(result.invariants.invariantCount > 0 ? "; with a conservation law found, generic dissipated ones are not reported (docs/balance-laws.md)" : "")"
      ]
    }
    return result.balanceLaws.flatMap { law -> [String] in
      let sign =
        switch law.kind {
        case .dissipated:
          "s < 0 at \(law.pointsBelow) of \(law.points) points beyond 4 noise deviations, > 0 at none"
        case .supplied:
          "s > 0 at \(law.pointsAbove) of \(law.points) points beyond 4 noise deviations, < 0 at none"
        default: "s > 0 at \(law.pointsAbove) and < 0 at \(law.pointsBelow) of \(law.points) points"
        }
      let separate =
        law.separateSourceTerms.map { "its terms' rates need \($0) source terms on their own" }
        ?? "a term's rate on its own is not in \(spec)"
      let heldOut =
        law.heldOutRatio.map { "on held-out trajectories λ = \(NumberFormat.significant($0, digits: 4))" }
        ?? "held-out check not possible"
      let threshold = NumberFormat.significant(result.balanceThreshold, digits: 4)
      return [
        "\(law.name) = \(law.formula),  d/dt \(law.name) = \(law.sourceFormula)  (\(law.kind.rawValue))",
        "    balance law: noise ratio λ = \(NumberFormat.significant(law.noiseRatio, digits: 4)) (threshold \(threshold)); coefficients \(law.rounded ? "rounded (the data accept them)" : "fitted"); \(heldOut); \(separate); \(sign)",
      ]
        + (law.alternativeSources.isEmpty
          ? []
          : [
            "    the data also accept d/dt \(law.name) = \(law.alternativeSources.joined(separator: ", or ")) within the noise (a worse fit; more or longer trajectories decide)"
          ])
    }
  }

  /// The balance laws as JSON objects of the `invariants` list.
  var balanceObjects: [[String: Any]] {
    let termNames = result.invariants.termNames
    let sourceNames = result.sourceTermNames
    return result.balanceLaws.map { law in
      var terms = [String: Double]()
      for (j, name) in termNames.enumerated() where law.coefficients[j] != 0 {
        terms[name] = law.coefficients[j]
      }
      var sourceTerms = [String: Double]()
      for (l, name) in sourceNames.enumerated() where law.sourceCoefficients[l] != 0 {
        sourceTerms[name] = law.sourceCoefficients[l]
      }
      return [
        "name": law.name, "kind": law.kind.rawValue, "formula": law.formula, "terms": terms,
        "source": law.sourceFormula, "source_terms": sourceTerms,
        "noise_ratio": Self.jsonNumber(law.noiseRatio), "rounded": law.rounded,
        "held_out_noise_ratio": law.heldOutRatio.map(Self.jsonNumber) ?? NSNull(),
        "points_above": law.pointsAbove, "points_below": law.pointsBelow, "points": law.points,
        "separate_source_terms": law.separateSourceTerms ?? NSNull(),
        "alternative_sources": law.alternativeSources,
      ]
    }
  }
}
