// docs/extending.md quotes this file; a test checks that the two agree.
import NoetherCore

/// The ideal pendulum in the short form: H = p²/2 − cos q, q̇ = p, ṗ = −sin q.
let shortPendulum = PointwiseSystem(
  "short-pendulum", states: ["q", "p"], box: [-2...2, -1...1], canonical: [("q", "p")],
  invariants: [KnownInvariant("energy", "p²/2 − cos q") { x in x[1] * x[1] / 2 - cos(x[0]) }]
) { x in [x[1], -sin(x[0])] }
