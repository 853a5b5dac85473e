// docs/extending.md quotes this file; a test checks that the two agree and counts its lines.
import NoetherCore

/// The periodic Toda lattice of three particles, V = Σ exp(qᵢ − qᵢ₊₁), with its momentum,
/// energy and third integral.
let todaLattice = PointwiseSystem(
  "toda-lattice", states: ["q1", "q2", "q3", "p1", "p2", "p3"], box: Array(repeating: -1...1, count: 6),
  canonical: [("q1", "p1"), ("q2", "p2"), ("q3", "p3")],
  invariants: [
    KnownInvariant("P", "Σ pᵢ") { x in x[3] + x[4] + x[5] },
    KnownInvariant("H", "Σ pᵢ²/2 + Σ exp(qᵢ − qᵢ₊₁)") { x in
      (0..<3).reduce(Dual(0)) { sum, i in sum + x[3 + i] * x[3 + i] / 2 + bond(x, i) }
    },
    KnownInvariant("I3", "Σ pᵢ³/3 + Σ (pᵢ + pᵢ₊₁) exp(qᵢ − qᵢ₊₁)") { x in
      (0..<3).reduce(Dual(0)) { sum, i in
        sum + pow(x[3 + i], 3) / 3 + (x[3 + i] + x[3 + (i + 1) % 3]) * bond(x, i)
      }
    },
  ]
) { x in (0..<3).map { x[3 + $0] } + (0..<3).map { bond(x, ($0 + 2) % 3) - bond(x, $0) } }

/// exp(qᵢ − qᵢ₊₁), the bond between particle i and the next (periodically).
func bond(_ x: [Dual], _ i: Int) -> Dual { exp(x[i] - x[(i + 1) % 3]) }
