import NoetherCompare
import NoetherCore
import NoetherMethods
import NoetherSystems
import Testing

@testable import NoetherCLI

/// The HNN relies on canonical (q, p) pairs: it runs where a system declares them in its
/// layout, refuses (saying why) where it declares none or another layout, and runs on
/// an undeclared state only when asked, saying so.
@Suite struct CanonicalPairsTests {
  func hnnReason(_ system: any DynamicalSystem, assume: Bool = false) throws -> String? {
    var options = MethodOptions()
    options.assumeCanonical = assume
    let hnn = try #require(
      try MethodRegistry.shared.methods(named: ["hnn"], options: options, for: system).first)
    return hnn.inapplicability(to: MethodProblem(system: system))
  }

  @Test func builtInsDeclareTheirPairs() {
    #expect(SpringMass().canonicalPairs == [CanonicalPair(position: 0, momentum: 1)])
    #expect(
      Kepler().canonicalPairs == [
        CanonicalPair(position: 0, momentum: 2), CanonicalPair(position: 1, momentum: 3),
      ])
    #expect(IdealPendulum().canonicalPairs.count == 1)
    #expect(ChemicalKinetics().canonicalPairs.isEmpty)
  }

  @Test func theHNNRunsWhereThePairsAreDeclared() throws {
    #expect(try hnnReason(SpringMass()) == nil)
    #expect(try hnnReason(Kepler()) == nil)
    #expect(try hnnReason(shortPendulum) == nil)
  }

  @Test func withoutDeclaredPairsTheHNNRunsOnlyWhenAsked() throws {
    let reason = try #require(try hnnReason(ChemicalKinetics()))
    #expect(
      reason.contains("chemical-kinetics declares none")
        && reason.contains("--assume-canonical to take (x1) as q and (x2) as p"), "\(reason)")
    #expect(try hnnReason(ChemicalKinetics(), assume: true) == nil)
  }

  /// A two-body problem in (x₁, v₁, x₂, v₂) declares its pairs interleaved: the HNN's
  /// (q₁, q₂, p₁, p₂) layout is not that, and it says to reorder.
  @Test func pairsInAnotherLayoutAreNamed() throws {
    let interleaved = PointwiseSystem(
      "interleaved", states: ["x1", "p1", "x2", "p2"], box: Array(repeating: -1...1, count: 4),
      canonical: [("x1", "p1"), ("x2", "p2")]
    ) { x in [x[1], -x[0], x[3], -x[2]] }
    let reason = try #require(try hnnReason(interleaved))
    #expect(reason.contains("declares the pairs (x1, p1), (x2, p2) in another order"), "\(reason)")
  }

  /// Asked on chemical kinetics, the HNN runs and the run's notes say what was assumed.
  @Test func anAssumedLayoutIsSaidInTheNotes() throws {
    var options = MethodOptions()
    options.assumeCanonical = true
    options.epochs = 2
    let system = ChemicalKinetics()
    let methods = try MethodRegistry.shared.methods(named: ["hnn"], options: options, for: system)
    let record = try ComparisonRunner().run(Experiment(system: system, methods: methods))
    let run = try #require(record.runs.first)
    #expect(run.outcome.label != "not applicable", "\(run.outcome)")
    #expect(
      run.notes.contains {
        $0.hasPrefix(
          "an HNN on coordinates chemical-kinetics does not declare canonical: (x1) as q and (x2) as p")
      }, "\(run.notes)")
  }
}
