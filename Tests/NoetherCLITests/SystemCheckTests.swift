import Foundation
import NoetherCore
import NoetherSystems
import Testing

@testable import NoetherCLI

/// A spring q̇ = p, ṗ = −q with one thing wrong, as a user might declare it.
struct FlawedSpring: DynamicalSystem {
  enum Flaw: Sendable { case none, wrongGradient, notConserved, undefinedField }
  let flaw: Flaw
  var name: String { "flawed-spring" }
  var dimension: Int { 2 }
  var stateNames: [String] { ["q", "p"] }
  var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(trajectoryCount: 4, trainingCount: 2, pointCount: 20, duration: 2, evaluationHorizon: 2)
  }
  func derivatives(at x: StateBatch) -> StateBatch {
    var f = x
    for i in 0..<x.count {
      // Undefined for q < 0: ṗ = −√q·√q.
      let q = flaw == .undefinedField ? x[i, 0].squareRoot() * x[i, 0].squareRoot() : x[i, 0]
      (f[i, 0], f[i, 1]) = (x[i, 1], -q)
    }
    return f
  }
  var invariants: [KnownInvariant] {
    let flaw = self.flaw
    return [
      KnownInvariant(
        name: "energy", formula: flaw == .notConserved ? "q²" : "q² + p²",
        value: { x in
          (0..<x.count).map { x[$0, 0] * x[$0, 0] + (flaw == .notConserved ? 0 : x[$0, 1] * x[$0, 1]) }
        },
        gradient: { x in
          var g = x
          for i in 0..<x.count {
            g[i, 0] = 2 * x[i, 0]
            g[i, 1] = flaw == .notConserved ? 0 : (flaw == .wrongGradient ? 1 : 2) * x[i, 1]
          }
          return g
        })
    ]
  }
  func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using g: inout SeededGenerator)
    -> StateBatch
  {
    StateBatch(count: count, dimension: 2, values: (0..<(2 * count)).map { _ in g.uniform(-1, 1) })
  }
}

@Suite struct SystemCheckTests {
  /// Each flaw is one problem line, about the right thing; a sound system has none.
  @Test(arguments: [
    (FlawedSpring.Flaw.none, ""),
    (.wrongGradient, "the gradient of 'energy' differs from central differences"),
    (.notConserved, "'energy' is not conserved by the field"),
    (.undefinedField, "the field is NaN or infinite at"),
  ])
  func eachFlawIsFoundInOneLine(_ flaw: FlawedSpring.Flaw, _ expected: String) {
    let findings = SystemCheck().findings(for: FlawedSpring(flaw: flaw))
    let problems = findings.filter(\.isProblem)
    if expected.isEmpty {
      #expect(problems.isEmpty, "\(problems)")
      #expect(findings.count == 4)  // field, gradient, conservation, drift
    } else {
      #expect(problems.count == 1 && problems[0].text.contains(expected), "\(findings)")
      #expect(!problems[0].text.contains("\n"))
    }
  }

  /// The built-in systems pass, and `noether check` says so; a flawed one exits with an
  /// error line counting its problems.
  @Test func theBuiltInsPassAndTheCommandReportsProblems() throws {
    for system in [SpringMass(), Kepler(), RigidBody()] as [any DynamicalSystem] {
      #expect(SystemCheck().findings(for: system).allSatisfy { !$0.isProblem }, "\(system.name)")
    }
    try run(["check", "--system", "spring-mass"])
    let registry = SystemRegistry.shared
    registry.register(FlawedSpring(flaw: .notConserved))
    #expect(
      errorLine(["check", "--system", "flawed-spring"])
        == "flawed-spring: 1 problem(s) found (the lines above).")
  }
}
