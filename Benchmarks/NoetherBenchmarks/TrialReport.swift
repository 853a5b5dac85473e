import Discovery
import DiscoveryTrials
import Foundation
import NoetherCore
import SINDy

/// `noether-bench trial NAME SPEC NOISE [SEED]`: one trial's discovery report in full (the
/// laws with their figures and the rejected candidates), to see why a run went as it did.
enum TrialReport {
  static func run(_ arguments: [String]) {
    DiscoveryTrial.registerAll()
    guard arguments.count >= 3,
      let trial = DiscoveryTrial.all.first(where: { $0.system.name == arguments[0] }),
      let noise = Double(arguments[2])
    else {
      print(
        "usage: noether-bench trial NAME SPEC NOISE [SEED]; names: \(DiscoveryTrial.all.map(\.system.name))")
      exit(2)
    }
    var settings = trial.system.referenceProtocol
    settings.noise = noise
    settings.seed = arguments.count > 3 ? UInt64(arguments[3]) ?? 2023 : 2023
    do {
      let data = try DatasetGenerator().generate(trial.system, protocol: settings)
      let library = try FeatureLibraryRegistry.shared.library(arguments[1])
      let start = Date()
      var discovery = InvariantDiscovery(library: library, librarySpec: arguments[1])
      if let z = ProcessInfo.processInfo.environment["HELD_OUT_Z"].flatMap(Double.init) {
        discovery.heldOutSignificance = z
      }
      let result = try discovery.discover(
        data.trajectories, stateNames: trial.system.stateNames, noise: data.noise,
        knownInvariants: trial.system.invariants)
      let report = DiscoveryReport(
        result: result, system: trial.system, data: data.trajectories,
        seconds: Date().timeIntervalSince(start))
      print(report.text)
      for r in result.rejected { print("rejected \(r.rule): \(r.formula)  figure \(r.figure)") }
    } catch {
      print("error: \(error)")
    }
  }
}
