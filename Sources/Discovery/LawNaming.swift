import NoetherCore
import NoetherLearning

/// The last stage: the screened laws as formulas with names and scales.
///
/// A law that explains a known invariant (R² ≥ 0.999 of a linear fit) takes its name and
/// scale (the coefficients multiplied by a of known ≈ a·law + b); any other is named by
/// its position (`I3`; the next free `In` when a known invariant has that name) and
/// scaled so that its first coefficient is 1.
struct LawNaming {
  var knownInvariants: [KnownInvariant]

  func named(_ laws: [LawScreening.Law], data: PreparedData) -> (SymbolicInvariant, [DiscoveredLaw]) {
    var names = [String]()
    var coefficients = [Double]()
    let taken = Set(knownInvariants.map(\.name))
    for (position, law) in laws.enumerated() {
      var c = law.form.coefficients
      var number = position + 1
      while taken.contains("I\(number)") || names.contains("I\(number)") { number += 1 }
      var name = "I\(number)"
      if let (known, scale) = match(law.values, states: data.states) {
        name = known
        c = c.map { $0 * scale }
      } else if let first = c.firstIndex(where: { $0 != 0 }) {
        let scale = 1 / c[first]
        c = c.map { $0 * scale }
      }
      names.append(name)
      coefficients += c
    }
    let invariants = SymbolicInvariant(
      library: data.library, librarySpec: data.librarySpec, stateNames: data.stateNames, names: names,
      coefficients: coefficients)
    let described = zip(laws, names).map { law, name in
      DiscoveredLaw(
        name: name, noiseRatio: law.form.lambda, rounded: law.form.rounded,
        spread: LawStatistics.spread(law.values, layout: data.layout),
        drift: law.drift, heldOut: law.heldOut)
    }
    return (invariants, described)
  }

  /// The known invariant the values explain (R² ≥ 0.999), with the factor a of the fit
  /// known ≈ a·values + b.
  private func match(_ values: [Double], states: StateBatch) -> (String, Double)? {
    for invariant in knownInvariants {
      let target = invariant.values(at: states)
      guard let r2 = try? coefficientOfDetermination(target: target, features: values, featureCount: 1),
        r2 > 0.999
      else { continue }
      let meanX = values.reduce(0, +) / Double(values.count)
      let meanY = target.reduce(0, +) / Double(target.count)
      var (sxy, sxx) = (0.0, 0.0)
      for i in values.indices {
        sxy += (values[i] - meanX) * (target[i] - meanY)
        sxx += (values[i] - meanX) * (values[i] - meanX)
      }
      return (invariant.name, sxy / sxx)
    }
    return nil
  }
}
