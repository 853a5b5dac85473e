import Foundation
import NoetherCore
import SINDy

extension DiscoveryTrial {
  /// Two particles on a ring joined by exponential bonds, V = e^{q1−q2} + e^{q2−q1}: the
  /// momentum p1 + p2 and the energy are conserved. User terms: the two bonds.
  public static var todaRing: DiscoveryTrial {
    let bond: @Sendable ([Dual], Int) -> Dual = { x, i in exp(x[i] - x[1 - i]) }
    let system = PointwiseSystem(
      "toda-ring", states: ["q1", "q2", "p1", "p2"], box: [-1...1, -1...1, -1...1, -1...1],
      canonical: [("q1", "p1"), ("q2", "p2")],
      invariants: [
        KnownInvariant("momentum", "p1 + p2") { x in x[2] + x[3] },
        KnownInvariant("energy", "(p1² + p2²)/2 + e^{q1−q2} + e^{q2−q1}") { x in
          (x[2] * x[2] + x[3] * x[3]) / 2 + bond(x, 0) + bond(x, 1)
        },
      ]
    ) { x in [x[2], x[3], bond(x, 1) - bond(x, 0), bond(x, 0) - bond(x, 1)] }
    let terms = CustomLibrary([
      .term({ "exp(\($0[0]) − \($0[1]))" }) { x in Foundation.exp(x[0] - x[1]) },
      .term({ "exp(\($0[1]) − \($0[0]))" }) { x in Foundation.exp(x[1] - x[0]) },
    ])
    return DiscoveryTrial(
      system: system, libraryName: "toda-bonds", terms: terms, librarySpec: "poly2+toda-bonds")
  }
}
