import Foundation
import NoetherCompare
import NoetherCore
import NoetherSystems
import Testing

@testable import NoetherCLI

/// A system in a few lines: `PointwiseSystem` and `KnownInvariant` from a formula of one
/// state, with exact gradients by dual numbers.
@Suite(.serialized) struct PointwiseSystemTests {
  /// Forward-mode derivatives of the elementary functions against central differences.
  @Test func dualNumbersDifferentiateTheElementaryFunctions() {
    let f: ([Dual]) -> Dual = { x in
      exp(x[0]) * log(x[1]) + sqrt(x[1]) / x[0] - tan(x[0]) + pow(x[1], 2.5) * sin(x[0]) - 3 * cos(x[1])
    }
    let point = [0.7, 1.9]
    let (_, gradient) = Dual.gradient(of: f, at: point)
    for j in 0..<2 {
      var (up, down) = (point, point)
      up[j] += 1e-6
      down[j] -= 1e-6
      let difference = (f(up.map { Dual($0) }).value - f(down.map { Dual($0) }).value) / 2e-6
      #expect(
        abs(gradient[j] - difference) < 1e-8 * max(abs(difference), 1),
        "∂\(j): \(gradient[j]) vs \(difference)")
    }
  }

  /// The short form gives the built-in pendulum's states, field and invariant bit for
  /// bit, its exact gradient (sin q, p), and passes `noether check`.
  @Test func theShortPendulumIsTheBuiltInOne() {
    var (g1, g2) = (SeededGenerator(seed: 7), SeededGenerator(seed: 7))
    let states = shortPendulum.sampleInitialStates(count: 100, for: .training, using: &g1)
    #expect(states == IdealPendulum().sampleInitialStates(count: 100, for: .training, using: &g2))
    #expect(shortPendulum.derivatives(at: states) == IdealPendulum().derivatives(at: states))
    let (short, builtIn) = (shortPendulum.invariants[0], IdealPendulum().invariants[0])
    #expect(short.values(at: states) == builtIn.values(at: states))
    #expect(short.gradients(at: states) == builtIn.gradients(at: states))
    #expect(SystemCheck().findings(for: shortPendulum).allSatisfy { !$0.isProblem })
  }

  /// The short form runs through check, discover and compare from the command line, and
  /// a comparison gives the built-in pendulum's numbers to the last digit.
  @Test func theShortPendulumRunsThroughCheckDiscoverAndCompare() throws {
    SystemRegistry.shared.register(shortPendulum)
    try run(["check", "--system", "short-pendulum"])
    try run(["discover", "--system", "short-pendulum", "--library", "poly2+trig", "--json"])
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for system in ["short-pendulum", "ideal-pendulum"] {
      try run([
        "compare", "--system", system, "--methods", "baseline,hnn,concernet-exact", "--library", "poly2+trig",
        "--epochs", "3", "--trajectories", "8", "--points", "20", "--out", "\(dir)/\(system).h5", "--quiet",
        "--json",
      ])
    }
    let short = try ResultsFile.readMetrics(from: "\(dir)/short-pendulum.h5")
    let builtIn = try ResultsFile.readMetrics(from: "\(dir)/ideal-pendulum.h5")
    for (method, seeds) in builtIn {
      for (seed, metrics) in seeds {
        for (key, value) in metrics where !key.hasPrefix("wall") && !key.hasPrefix("seconds") {
          #expect(
            short[method]?[seed]?[key] == value || (value.isNaN && short[method]?[seed]?[key]?.isNaN == true),
            "\(method) \(key)")
        }
      }
    }
    #expect(builtIn["concernet-exact"]?.isEmpty == false)
  }
}
