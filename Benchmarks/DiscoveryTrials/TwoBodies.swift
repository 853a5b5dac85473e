import Foundation
import NoetherCore
import SINDy

extension DiscoveryTrial {
  /// Two bodies of masses 1 and 3 in a plane attracting as 1/r² (G = 1), in positions and
  /// velocities: energy, both momenta, the angular momentum and the centre of mass's angular
  /// momentum are conserved. User term: 1/r.
  public static var twoBodies: DiscoveryTrial {
    let separation: @Sendable ([Dual]) -> Dual = { x in
      sqrt((x[2] - x[0]) * (x[2] - x[0]) + (x[3] - x[1]) * (x[3] - x[1]))
    }
    let system = PointwiseSystem(
      "two-bodies", states: ["x1", "y1", "x2", "y2", "u1", "v1", "u2", "v2"],
      box: [
        -1.7 ... -1.3, -0.2...0.2, 0.4...0.6, -0.1...0.1, -0.15...0.15, -1.1 ... -0.7, -0.05...0.05,
        0.2...0.4,
      ],
      invariants: [
        KnownInvariant("energy", "(u1² + v1²)/2 + 3(u2² + v2²)/2 − 3/r") { x in
          (x[4] * x[4] + x[5] * x[5]) / 2 + 3 * (x[6] * x[6] + x[7] * x[7]) / 2 - 3 / separation(x)
        },
        KnownInvariant("momentum-x", "u1 + 3 u2") { x in x[4] + 3 * x[6] },
        KnownInvariant("momentum-y", "v1 + 3 v2") { x in x[5] + 3 * x[7] },
        KnownInvariant("angular-momentum", "x1 v1 − y1 u1 + 3 (x2 v2 − y2 u2)") { x in
          x[0] * x[5] - x[1] * x[4] + 3 * (x[2] * x[7] - x[3] * x[6])
        },
        // The centre of mass moves along the total momentum, so its own angular momentum
        // X·P_y − Y·P_x (X = x1 + 3 x2 up to the mass 4) is conserved too: discovery
        // found it before this list had it.
        KnownInvariant("centre-angular-momentum", "(x1 + 3 x2)(v1 + 3 v2) − (y1 + 3 y2)(u1 + 3 u2)") { x in
          (x[0] + 3 * x[2]) * (x[5] + 3 * x[7]) - (x[1] + 3 * x[3]) * (x[4] + 3 * x[6])
        },
      ]
    ) { x in
      let (dx, dy, r3) = (x[2] - x[0], x[3] - x[1], pow(separation(x), 3))
      return [x[4], x[5], x[6], x[7], 3 * dx / r3, 3 * dy / r3, -dx / r3, -dy / r3]
    }
    let terms = CustomLibrary([
      .term({ "1/|(\($0[0]), \($0[1])) − (\($0[2]), \($0[3]))|" }) { x in
        1 / ((x[2] - x[0]) * (x[2] - x[0]) + (x[3] - x[1]) * (x[3] - x[1])).squareRoot()
      }
    ])
    return DiscoveryTrial(
      system: system, libraryName: "inverse-separation", terms: terms, librarySpec: "poly2+inverse-separation"
    )
  }
}
