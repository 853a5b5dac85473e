import Discovery
import DiscoveryTrials
import Foundation
import NoetherCore
import NoetherLearning
import NoetherSystems
import SINDy

/// `Benchmarks/run discover`: discovery on every system with invariants (spring mass,
/// chemical kinetics, Kepler with E, L and the Runge–Lenz vector, the heat equation, the
/// ideal pendulum, the free rigid body, the SIR epidemic) and without (damped oscillator,
/// Lorenz, Van der Pol), at σ = 0.01 and 0.1 (the heat equation at 0.01), each on its
/// reference data (seed 2023; `Benchmarks/run discover N`: seeds 2023… summed). Per run:
/// the invariants expected and found, detection (every expected invariant explained by
/// the found ones, R² ≥ 0.999), false discoveries (found ones no expected combination
/// explains, R² < 0.99), the largest coefficient error after normalisation, the smallest
/// R², and the time. Prints a table, then one JSON line of the targets.
enum DiscoverBenchmark {
  struct Case {
    let system: any DynamicalSystem
    /// The library spec searched.
    let library: String
    /// The invariants to find (the system's, plus Kepler's Runge–Lenz components); for a
    /// trial, those of them the library spans.
    let expected: [KnownInvariant]
    /// One of the new systems (``DiscoveryTrial``), tallied apart from the built-in ten.
    var trial = false
    /// True laws beyond the system's own (Kepler's Runge–Lenz components).
    var truth: [KnownInvariant] = []

    init(system: any DynamicalSystem, expected: [KnownInvariant]) {
      self.init(system: system, library: system.defaultDiscoveryLibrary, expected: expected)
    }

    init(
      system: any DynamicalSystem, library: String, expected: [KnownInvariant], trial: Bool = false,
      truth: [KnownInvariant] = []
    ) {
      self.system = system
      self.library = library
      self.expected = expected
      self.trial = trial
      self.truth = truth
    }
  }

  static var cases: [Case] {
    let kepler = Kepler()
    let lenz: [KnownInvariant] = [
      KnownInvariant("runge-lenz-x", "x vy² − y vx vy − x/r") { s in
        s[0] * s[3] * s[3] - s[1] * s[2] * s[3] - s[0] / sqrt(s[0] * s[0] + s[1] * s[1])
      },
      KnownInvariant("runge-lenz-y", "−x vx vy + y vx² − y/r") { s in
        -s[0] * s[2] * s[3] + s[1] * s[2] * s[2] - s[1] / sqrt(s[0] * s[0] + s[1] * s[1])
      },
    ]
    return [
      Case(system: SpringMass(), expected: SpringMass().invariants),
      Case(system: ChemicalKinetics(), expected: ChemicalKinetics().invariants),
      Case(
        system: kepler, library: kepler.defaultDiscoveryLibrary, expected: kepler.invariants + lenz,
        truth: lenz),
      Case(system: HeatEquation(), expected: HeatEquation().invariants),
      Case(system: IdealPendulum(), expected: IdealPendulum().invariants),
      Case(system: RigidBody(), expected: RigidBody().invariants),
      Case(system: Epidemic(), expected: Epidemic().invariants),
      Case(system: DampedOscillator(), expected: []),
      Case(system: Lorenz(), expected: []),
      Case(system: VanDerPol(), expected: []),
    ]
  }

  /// The trials' cases: each new system with its default library and with the user's,
  /// expecting the known laws that library spans.
  static var trialCases: [Case] {
    DiscoveryTrial.registerAll()
    return DiscoveryTrial.all.flatMap { trial in
      [trial.system.defaultDiscoveryLibrary, trial.librarySpec].map { spec in
        Case(
          system: trial.system, library: spec, expected: trial.system.invariants + trial.forms, trial: true)
      }
    }
  }

  /// - Parameter seeds: the data's seeds (the reference 2023 alone by default;
  /// `Benchmarks/run discover 10` runs 2023…2032 and sums detection and false discoveries).
  static func run(seeds: [UInt64] = [2023]) {
    var rows = [[String]]()
    var summary: [String: [String: Double]] = [:]  // the ODE systems, and the heat equation apart
    for noise in [0.01, 0.1] {
      var builtIn = Tally()
      var trials = Tally()
      var heat = Tally()
      var heatSeconds = 0.0
      for seed in seeds {
        for c in cases + trialCases where !(c.system is HeatEquation && noise > 0.01) {
          var settings = c.system.referenceProtocol
          settings.noise = noise
          settings.seed = seed
          guard let data = try? DatasetGenerator().generate(c.system, protocol: settings),
            let exactStates = try? DiscoveryScore.exactStates(c.system, settings)
          else { continue }
          let library = try! FeatureLibraryRegistry.shared.library(c.library)
          let expected =
            c.trial
            ? DiscoveryScore.spanned(c.expected, library: library, exactStates: exactStates) : c.expected
          let start = Date()
          let result = try? InvariantDiscovery(library: library, librarySpec: c.library).discover(
            data.trajectories, stateNames: c.system.stateNames, noise: data.noise,
            knownInvariants: c.system.invariants)
          let seconds = Date().timeIntervalSince(start)
          let score = DiscoveryScore(
            found: result?.invariants, expected: expected, truth: c.system.invariants + c.truth,
            library: library,
            exactStates: exactStates)
          if c.system is HeatEquation {
            heat.add(score, refused: result == nil, seconds: seconds)
            heatSeconds = max(heatSeconds, seconds)
          } else if c.trial {
            trials.add(score, refused: result == nil, seconds: seconds)
          } else {
            builtIn.add(score, refused: result == nil, seconds: seconds)
          }
          rows.append([
            c.system.name, "\(noise)", "\(seed)", c.library, "\(expected.count)", "\(score.found)",
            "\(result?.independentCount ?? 0)", result == nil ? "refused" : "\(score.detected)",
            "\(score.falseDiscoveries)",
            expected.isEmpty ? "-" : String(format: "%.2e", score.coefficientError),
            expected.isEmpty ? "-" : String(format: "%.7f", score.smallestR2),
            String(format: "%.3f", seconds),
          ])
        }
      }
      summary["\(noise)"] = [
        "ode_detection": builtIn.detection, "ode_false_discovery": builtIn.falseRate,
        "ode_max_coefficient_error": builtIn.worstCoefficient, "ode_min_r2": builtIn.worstR2,
        "ode_max_seconds": builtIn.slowest, "heat_seconds": heatSeconds,
        "trial_detection": trials.detection, "trial_false": Double(trials.falseCount),
        "trial_found": Double(trials.foundCount), "trial_expected": Double(trials.expectedCount),
        "trial_refused": Double(trials.refused), "trial_max_seconds": trials.slowest,
      ].merging(
        heat.runs == 0 ? [:] : ["heat_found": Double(heat.foundCount), "heat_false": Double(heat.falseCount)]
      ) { $1 }
    }
    let header = [
      "system", "σ", "seed", "library", "expected", "found", "independent", "detected", "false", "coef err",
      "explained", "s",
    ]
    let widths = header.indices.map { k in ([header] + rows).map { $0[k].count }.max()! }
    for row in [header] + rows {
      print(
        row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(
          separator: "  "))
    }
    let data = try! JSONSerialization.data(
      withJSONObject: ["benchmark": "discover", "by_noise": summary], options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
  }
}

/// Sums of discovery scores over runs.
struct Tally {
  var runs = 0
  var refused = 0
  var detected = 0
  var expectedCount = 0
  var falseCount = 0
  var foundCount = 0
  var worstCoefficient = 0.0
  var worstR2 = 1.0
  var slowest = 0.0

  mutating func add(_ score: DiscoveryScore, refused wasRefused: Bool, seconds: Double) {
    runs += 1
    if wasRefused { refused += 1 }
    detected += score.detected
    expectedCount += score.expected
    falseCount += score.falseDiscoveries
    foundCount += score.found
    if score.expected > 0 {
      worstCoefficient = max(worstCoefficient, score.coefficientError)
      worstR2 = min(worstR2, score.smallestR2)
    }
    slowest = max(slowest, seconds)
  }

  var detection: Double { expectedCount == 0 ? 1 : Double(detected) / Double(expectedCount) }
  var falseRate: Double { foundCount == 0 ? 0 : Double(falseCount) / Double(foundCount) }
}
