// docs/extending.md quotes this file; a test checks that the two agree and counts its lines.
import NoetherCore

/// Two bodies of masses 1 and 2 attracting as 1/r² (G = 1), in positions and velocities:
/// the velocities are not momenta (unequal masses), so it declares no canonical pairs.
let twoBody = PointwiseSystem(
  "two-body", states: ["x1", "y1", "x2", "y2", "u1", "v1", "u2", "v2"],
  box: [
    -1.1 ... -0.9, -0.1...0.1, 0.4...0.6, -0.05...0.05, -0.1...0.1, -0.7 ... -0.5, -0.05...0.05, 0.25...0.35,
  ],
  invariants: [
    KnownInvariant("energy", "(u1² + v1²)/2 + u2² + v2² − 2/r") { x in
      (x[4] * x[4] + x[5] * x[5]) / 2 + x[6] * x[6] + x[7] * x[7] - 2 / separation(x)
    },
    KnownInvariant("momentum-x", "u1 + 2 u2") { x in x[4] + 2 * x[6] },
    KnownInvariant("momentum-y", "v1 + 2 v2") { x in x[5] + 2 * x[7] },
    KnownInvariant("angular-momentum", "x1 v1 − y1 u1 + 2 (x2 v2 − y2 u2)") { x in
      x[0] * x[5] - x[1] * x[4] + 2 * (x[2] * x[7] - x[3] * x[6])
    },
  ]
) { x in
  let (dx, dy, r3) = (x[2] - x[0], x[3] - x[1], pow(separation(x), 3))
  return [x[4], x[5], x[6], x[7], 2 * dx / r3, 2 * dy / r3, -dx / r3, -dy / r3]
}

/// r, the distance between the bodies.
func separation(_ x: [Dual]) -> Dual { sqrt((x[2] - x[0]) * (x[2] - x[0]) + (x[3] - x[1]) * (x[3] - x[1])) }
