import Foundation
import NoetherCore
import SINDy

extension DiscoveryTrial {
  /// Four species in a ring, each fed by the next and eaten by the previous,
  /// ẋᵢ = xᵢ(xᵢ₊₁ − xᵢ₋₁): the total Σ xᵢ and ln x1 + ln x3 and ln x2 + ln x4 are
  /// conserved. User terms: the logarithms of the abundances.
  public static var cyclicSpecies: DiscoveryTrial {
    let system = PointwiseSystem(
      "cyclic-species", states: ["x1", "x2", "x3", "x4"], box: Array(repeating: 0.6...1.4, count: 4),
      invariants: [
        KnownInvariant("total", "x1 + x2 + x3 + x4") { x in x[0] + x[1] + x[2] + x[3] },
        KnownInvariant("odd-pair", "ln x1 + ln x3") { x in log(x[0]) + log(x[2]) },
        KnownInvariant("even-pair", "ln x2 + ln x4") { x in log(x[1]) + log(x[3]) },
      ]
    ) { x in (0..<4).map { i in x[i] * (x[(i + 1) % 4] - x[(i + 3) % 4]) } }
    let forms = [
      KnownInvariant("odd-product", "x1 x3") { x in x[0] * x[2] },
      KnownInvariant("even-product", "x2 x4") { x in x[1] * x[3] },
    ]
    return DiscoveryTrial(
      system: system, libraryName: "abundance-logs", terms: abundanceLogs,
      librarySpec: "poly1+abundance-logs",
      forms: forms)
  }

  /// Four species competing for one resource, ẋᵢ = rᵢ xᵢ (1 − Σⱼ aᵢⱼ xⱼ), settling to a
  /// coexistence state: no law. User terms: the logarithms of the abundances.
  public static var competingSpecies: DiscoveryTrial {
    let rates = [0.6, 0.4, 0.5, 0.3]
    let a: [[Double]] = [[1, 0.3, 0.2, 0.1], [0.2, 1, 0.3, 0.2], [0.1, 0.2, 1, 0.3], [0.3, 0.1, 0.2, 1]]
    let system = PointwiseSystem(
      "competing-species", states: ["x1", "x2", "x3", "x4"], box: Array(repeating: 0.2...1.2, count: 4)
    ) { x in
      (0..<4).map { i in rates[i] * x[i] * (1 - (0..<4).reduce(Dual(0)) { $0 + a[i][$1] * x[$1] }) }
    }
    return DiscoveryTrial(
      system: system, libraryName: "abundance-logs", terms: abundanceLogs, librarySpec: "poly1+abundance-logs"
    )
  }

  /// ln x1 … ln x4.
  static var abundanceLogs: CustomLibrary {
    CustomLibrary((0..<4).map { i in .term({ "ln(\($0[i]))" }) { x in Foundation.log(x[i]) } })
  }
}
