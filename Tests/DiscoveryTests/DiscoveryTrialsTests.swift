import DiscoveryTrials
import Foundation
import NoetherCore
import SINDy
import Testing

@testable import Discovery

/// The new systems of `Benchmarks/DiscoveryTrials`, which discovery was never tuned on
/// (written as a user would: `PointwiseSystem`s, with their own registered terms), each
/// with its default library and with the user's, scored as `Benchmarks/run discover`
/// scores them (`DiscoveryScore`: laws the library spans detected, found laws that are no
/// function of the true ones counted false).
@Suite struct DiscoveryTrialsTests {
  private func score(_ trial: DiscoveryTrial, spec: String, noise: Double) throws -> (DiscoveryScore, Bool) {
    DiscoveryTrial.registerAll()
    var settings = trial.system.referenceProtocol
    settings.noise = noise
    let data = try DatasetGenerator().generate(trial.system, protocol: settings)
    let exact = try DiscoveryScore.exactStates(trial.system, settings)
    let library = try FeatureLibraryRegistry.shared.library(spec)
    let expected = DiscoveryScore.spanned(
      trial.system.invariants + trial.forms, library: library, exactStates: exact)
    let result = try? InvariantDiscovery(library: library).discover(
      data.trajectories, stateNames: trial.system.stateNames, noise: data.noise)
    let score = DiscoveryScore(
      found: result?.invariants, expected: expected, truth: trial.system.invariants, library: library,
      exactStates: exact)
    return (score, result != nil)
  }

  /// The trials' shapes: six systems, four with laws and two without, five in 4 or more
  /// dimensions, each with terms of its own.
  @Test func theTrialsAreNewSystemsWithTermsOfTheirOwn() {
    let trials = DiscoveryTrial.all
    #expect(trials.count == 6)
    #expect(trials.filter { $0.system.invariants.isEmpty }.count == 2)
    #expect(trials.allSatisfy { $0.system.dimension >= 4 && !$0.terms.terms.isEmpty })
  }

  /// σ = 0.01: with either library, every law the library spans is found and nothing false.
  @Test(arguments: DiscoveryTrial.all.map(\.system.name))
  func atLowNoiseEveryLawTheLibrarySpansIsFoundAndNothingFalse(_ name: String) throws {
    let trial = try #require(DiscoveryTrial.all.first { $0.system.name == name })
    for spec in [trial.system.defaultDiscoveryLibrary, trial.librarySpec] {
      let (score, completed) = try score(trial, spec: spec, noise: 0.01)
      #expect(completed, "\(name) \(spec)")
      #expect(score.detected == score.expected && score.falseDiscoveries == 0, "\(name) \(spec): \(score)")
    }
  }

  /// σ = 0.1 on the species ring with the user's logarithms: noise pushes no abundance
  /// to zero here, the run completes, and its three laws are found with nothing false.
  @Test func atHighNoiseTheSpeciesRingKeepsItsThreeLaws() throws {
    let (score, completed) = try score(.cyclicSpecies, spec: "poly1+abundance-logs", noise: 0.1)
    #expect(
      completed && score.expected == 3 && score.detected == 3 && score.falseDiscoveries == 0, "\(score)")
  }

  /// σ = 0.1 on the species ring with the user's logarithms: the other rules leave 6 laws
  /// of which 4 are functionally independent, impossible for trajectories that move in 4
  /// dimensions (every law's gradient is orthogonal to the flow). Screened again, the
  /// least drifting first, at most 3 stay, the rest are left out by `flow-rank`, and the
  /// three true laws are still detected with nothing false. At σ = 0.01 the rule is not
  /// needed and leaves nothing out.
  @Test func aFourthIndependentLawInFourDimensionsIsLeftOut() throws {
    DiscoveryTrial.registerAll()
    let trial = DiscoveryTrial.cyclicSpecies
    let library = try FeatureLibraryRegistry.shared.library("poly1+abundance-logs")
    for noise in [0.1, 0.01] {
      var settings = trial.system.referenceProtocol
      settings.noise = noise
      let data = try DatasetGenerator().generate(trial.system, protocol: settings)
      let result = try InvariantDiscovery(library: library).discover(
        data.trajectories, stateNames: trial.system.stateNames, noise: data.noise)
      let leftOut = result.rejected.filter { $0.rule == .flowRank }
      #expect(result.independentCount <= 3, "σ \(noise): \(result.independentCount)")
      #expect(noise == 0.1 ? !leftOut.isEmpty : leftOut.isEmpty, "σ \(noise): \(leftOut.count)")
    }
    let (score, completed) = try score(trial, spec: "poly1+abundance-logs", noise: 0.1)
    #expect(completed && score.detected == 3 && score.falseDiscoveries == 0, "\(score)")
  }

  /// The centre of mass's angular momentum of two bodies, (x1 + 3 x2)(v1 + 3 v2) −
  /// (y1 + 3 y2)(u1 + 3 u2): a law the trial first left out and discovery found. It is
  /// conserved along the exact data to the integrator's precision.
  @Test func theCentreOfMassAngularMomentumIsALaw() throws {
    let system = DiscoveryTrial.twoBodies.system
    let law = try #require(system.invariants.first { $0.name == "centre-angular-momentum" })
    var settings = system.referenceProtocol
    settings.noise = 0
    let data = try DatasetGenerator().generate(system, protocol: settings).trajectories
    let values = law.values(
      at: StateBatch(count: data.trajectoryCount * data.pointCount, dimension: 8, values: data.states))
    for t in 0..<data.trajectoryCount {
      let slice = values[(t * data.pointCount)..<((t + 1) * data.pointCount)]
      #expect((slice.max()! - slice.min()!) < 1e-7 * max(1, abs(slice.first!)))
    }
  }
}
