// docs/extending.md quotes this file; a test checks that the two agree.
import NoetherCore

#if canImport(Glibc)
  import Glibc
#endif

/// The ideal pendulum, H(q, p) = p²/2 − cos q: q̇ = p, ṗ = −sin q.
struct Pendulum: DynamicalSystem {
  var name: String { "pendulum" }
  var dimension: Int { 2 }
  var stateNames: [String] { ["q", "p"] }

  var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      name: "pendulum-demo", trajectoryCount: 20, trainingCount: 10, pointCount: 50,
      duration: 5, evaluationHorizon: 20)
  }

  func derivatives(at x: StateBatch) -> StateBatch {
    var f = x
    for i in 0..<x.count {
      f[i, 0] = x[i, 1]
      f[i, 1] = -sin(x[i, 0])
    }
    return f
  }

  var invariants: [KnownInvariant] {
    [
      KnownInvariant(
        name: "energy", formula: "p²/2 − cos q",
        value: { x in (0..<x.count).map { x[$0, 1] * x[$0, 1] / 2 - cos(x[$0, 0]) } },
        gradient: { x in
          var g = x
          for i in 0..<x.count { g[i, 0] = sin(x[i, 0]) }  // g[i, 1] = p already
          return g
        })
    ]
  }

  func sampleInitialStates(
    count: Int, for purpose: SamplingPurpose, using generator: inout SeededGenerator
  ) -> StateBatch {
    var x = StateBatch(zeros: count, dimension: 2)
    for i in 0..<count {
      x[i, 0] = generator.uniform(-2, 2)
      x[i, 1] = generator.uniform(-1, 1)
    }
    return x
  }
}
