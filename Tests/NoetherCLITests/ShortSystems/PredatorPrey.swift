// docs/extending.md quotes this file; a test checks that the two agree and counts its lines.
import Discovery
import NoetherCore

/// Lotka–Volterra, ẋ = x − xy, ẏ = xy − y, conserving V = x + y − ln x − ln y, written as
/// a formula over the terms of the library poly1+log (exact gradients from the library's).
func predatorPrey() throws -> PointwiseSystem {
  let v = try KnownInvariant(
    "V", library: "poly1+log", states: ["x", "y"], terms: ["x": 1, "y": 1, "ln(x)": -1, "ln(y)": -1])
  return PointwiseSystem("predator-prey", states: ["x", "y"], box: [0.4...1.6, 0.4...1.6], invariants: [v]) {
    x in [x[0] - x[0] * x[1], x[0] * x[1] - x[1]]
  }
}
