import Discovery
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
    /// The invariants to find (the system's, plus Kepler's Runge–Lenz components).
    let expected: [KnownInvariant]
  }

  static var cases: [Case] {
    let kepler = Kepler()
    let lenz: [KnownInvariant] = [
      KnownInvariant(
        name: "runge-lenz-x", formula: "x vy² − y vx vy − x/r",
        value: { s in
          (0..<s.count).map { i in
            let (x, y, vx, vy) = (s[i, 0], s[i, 1], s[i, 2], s[i, 3])
            return x * vy * vy - y * vx * vy - x / (x * x + y * y).squareRoot()
          }
        },
        gradient: { s in s }),
      KnownInvariant(
        name: "runge-lenz-y", formula: "−x vx vy + y vx² − y/r",
        value: { s in
          (0..<s.count).map { i in
            let (x, y, vx, vy) = (s[i, 0], s[i, 1], s[i, 2], s[i, 3])
            return -x * vx * vy + y * vx * vx - y / (x * x + y * y).squareRoot()
          }
        },
        gradient: { s in s }),
    ]
    return [
      Case(system: SpringMass(), expected: SpringMass().invariants),
      Case(system: ChemicalKinetics(), expected: ChemicalKinetics().invariants),
      Case(system: kepler, expected: kepler.invariants + lenz),
      Case(system: HeatEquation(), expected: HeatEquation().invariants),
      Case(system: IdealPendulum(), expected: IdealPendulum().invariants),
      Case(system: RigidBody(), expected: RigidBody().invariants),
      Case(system: Epidemic(), expected: Epidemic().invariants),
      Case(system: DampedOscillator(), expected: []),
      Case(system: Lorenz(), expected: []),
      Case(system: VanDerPol(), expected: []),
    ]
  }

  /// - Parameter seeds: the data's seeds (the reference 2023 alone by default;
  /// `Benchmarks/run discover 10` runs 2023…2032 and sums detection and false discoveries).
  static func run(seeds: [UInt64] = [2023]) {
    var rows = [[String]]()
    var summary: [String: [String: Double]] = [:]  // the ODE systems, and the heat equation apart
    for noise in [0.01, 0.1] {
      var (detected, expectedCount, falseCount, foundCount) = (0, 0, 0, 0)
      var worstCoefficient = 0.0
      var worstR2 = 1.0
      var slowestODE = 0.0
      var heatSeconds = 0.0
      var heat = [String: Double]()
      for seed in seeds {
        for c in cases where !(c.system is HeatEquation && noise > 0.01) {
          var settings = c.system.referenceProtocol
          settings.noise = noise
          settings.seed = seed
          guard let data = try? DatasetGenerator().generate(c.system, protocol: settings) else { continue }
          let spec = c.system.defaultDiscoveryLibrary
          let library = try! FeatureLibraryRegistry.shared.library(spec)
          let start = Date()
          let result = try? InvariantDiscovery(library: library, librarySpec: spec).discover(
            data.trajectories, stateNames: c.system.stateNames, noise: data.noise,
            knownInvariants: c.system.invariants)
          let seconds = Date().timeIntervalSince(start)
          if !(c.system is HeatEquation) { slowestODE = max(slowestODE, seconds) }
          let found = result?.invariants
          let m = found?.invariantCount ?? 0
          let exactStates = exactStatesOf(c.system, settings)
          let foundExact =
            found.map { f in (0..<m).map { k in column(f.values(at: exactStates), k, m) } } ?? []
          // Detection: each expected invariant is a linear function of the found ones.
          var hits = 0
          var r2s = [Double]()
          for e in c.expected {
            let target = e.values(at: exactStates)
            let r2: Double
            if isUniform(target) {
              // One value everywhere (S + I + R = 1): found when a found invariant is
              // constant on the exact states too (relative spread below 1e-3).
              r2 = foundExact.contains { isUniform($0, tolerance: 1e-3) } ? 1 : 0
            } else {
              r2 =
                m == 0
                ? 0
                : ((try? coefficientOfDetermination(
                  target: target, features: interleaved(foundExact), featureCount: m)) ?? 0)
            }
            r2s.append(r2)
            if r2 >= 0.999 { hits += 1 }
          }
          // False discoveries: found ones that no combination of the expected explains.
          let expectedValues = c.expected.map { $0.values(at: exactStates) }
          var falses = 0
          for values in foundExact {
            if expectedValues.contains(where: { isUniform($0) }) && isUniform(values, tolerance: 1e-3) {
              continue
            }
            let r2 =
              expectedValues.isEmpty
              ? 0
              : ((try? coefficientOfDetermination(
                target: values, features: interleaved(expectedPolynomials(expectedValues)),
                featureCount: expectedPolynomials(expectedValues).count)) ?? 0)
            if r2 < 0.99 { falses += 1 }
          }
          // Coefficients: each expected invariant against its best combination of the found ones.
          var coefficientError = 0.0
          if let found, m > 0 {
            let p = found.termCount
            for e in c.expected {
              let target = e.values(at: exactStates)
              if isUniform(target) {
                // Compare directions: the found constant invariant against the expected one's gradient.
                let g = e.gradients(
                  at: StateBatch(count: 1, dimension: c.system.dimension, values: exactStates.row(0))
                ).values
                let k = (0..<m).first { isUniform(foundExact[$0], tolerance: 1e-3) } ?? 0
                let fg = found.selecting([k]).gradients(
                  at: StateBatch(count: 1, dimension: c.system.dimension, values: exactStates.row(0)))
                let scale = (g.map(abs).max() ?? 1) / (fg.map(abs).max() ?? 1)
                coefficientError = max(
                  coefficientError, zip(g, fg).map { abs($0 - scale * $1) }.max()! / (g.map(abs).max() ?? 1))
                continue
              }
              // The best of: one found formula alone, or the best combination of all of them
              // (a near-duplicate found beside the law, such as the pendulum's
              // cos q + 1.2 cos p at σ = 0.1, would otherwise take part in the combination).
              let truth = trueCoefficients(target, library: library, states: exactStates)
              let largest = truth.map(abs).max() ?? 1
              var best = Double.infinity
              for subset in (0..<m).map({ [$0] }) + [Array(0..<m)] {
                let withConstant = (0..<target.count).flatMap { i in [1.0] + subset.map { foundExact[$0][i] }
                }
                guard
                  let a = try? LeastSquares.solve(
                    withConstant, rows: target.count, columns: subset.count + 1, target, rightHandSides: 1)
                else { continue }
                var combined = [Double](repeating: 0, count: p)
                for (s, k) in subset.enumerated() {
                  for j in 0..<p { combined[j] += a[s + 1] * found.coefficients[k * p + j] }
                }
                best = min(best, (zip(combined, truth).map { abs($0 - $1) }.max() ?? 0) / largest)
              }
              if best.isFinite { coefficientError = max(coefficientError, best) }
            }
          }
          if c.system is HeatEquation {
            heat = [
              "detected": Double(hits) + (heat["detected"] ?? 0), "found": Double(m) + (heat["found"] ?? 0),
              "false": Double(falses) + (heat["false"] ?? 0),
              "coefficient_error": max(coefficientError, heat["coefficient_error"] ?? 0),
            ]
            heatSeconds = max(heatSeconds, seconds)
          } else {
            detected += hits
            expectedCount += c.expected.count
            falseCount += falses
            foundCount += m
          }
          if !c.expected.isEmpty && !(c.system is HeatEquation) {
            worstCoefficient = max(worstCoefficient, coefficientError)
            worstR2 = min(worstR2, r2s.min() ?? 1)
          }
          rows.append([
            c.system.name, "\(noise)", "\(seed)", spec, "\(c.expected.count)", "\(m)",
            "\(result?.independentCount ?? 0)",
            "\(hits)",
            "\(falses)", c.expected.isEmpty ? "-" : String(format: "%.2e", coefficientError),
            c.expected.isEmpty ? "-" : String(format: "%.7f", r2s.min() ?? 1),
            String(format: "%.3f", seconds),
          ])
        }
      }
      summary["\(noise)"] = [
        "ode_detection": expectedCount == 0 ? 1 : Double(detected) / Double(expectedCount),
        "ode_false_discovery": foundCount == 0 ? 0 : Double(falseCount) / Double(foundCount),
        "ode_max_coefficient_error": worstCoefficient, "ode_min_r2": worstR2, "ode_max_seconds": slowestODE,
        "heat_seconds": heatSeconds,
      ].merging(heat.isEmpty ? [:] : ["heat_found": heat["found"]!, "heat_false": heat["false"]!]) { $1 }
    }
    let header = [
      "system", "σ", "seed", "library", "expected", "found", "independent", "detected", "false", "coef err",
      "min R²",
      "s",
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

  /// True when the values are one constant to `tolerance` relative to their size.
  static func isUniform(_ values: [Double], tolerance: Double = 1e-9) -> Bool {
    let mean = values.reduce(0, +) / Double(max(values.count, 1))
    let spread = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count, 1)))
      .squareRoot()
    return spread <= tolerance * max(abs(mean), 1e-300)
  }

  static func column(_ values: [Double], _ k: Int, _ m: Int) -> [Double] {
    stride(from: k, to: values.count, by: m).map { values[$0] }
  }

  static func interleaved(_ columns: [[Double]]) -> [Double] {
    guard let rows = columns.first?.count else { return [] }
    return (0..<rows).flatMap { i in columns.map { $0[i] } }
  }

  /// The expected invariants and their products up to degree 2 (a found invariant may be
  /// a function of them).
  static func expectedPolynomials(_ values: [[Double]]) -> [[Double]] {
    var out = values
    for a in values.indices { for b in a..<values.count { out.append(zip(values[a], values[b]).map(*)) } }
    return out
  }

  /// The noise-free states of the same protocol.
  static func exactStatesOf(_ system: any DynamicalSystem, _ settings: ReferenceProtocol) -> StateBatch {
    var exact = settings
    exact.noise = 0
    let data = try! DatasetGenerator().generate(system, protocol: exact).trajectories
    return StateBatch(
      count: data.trajectoryCount * data.pointCount, dimension: data.dimension, values: data.states)
  }

  /// The invariant's coefficients on the library (least squares on exact states; the
  /// constant term absorbs any offset).
  static func trueCoefficients(_ target: [Double], library: any FeatureLibrary, states: StateBatch)
    -> [Double]
  {
    let p = library.featureCount(dimension: states.dimension)
    let theta = library.features(states)
    let withConstant = (0..<states.count).flatMap { i in [1.0] + Array(theta[(i * p)..<((i + 1) * p)]) }
    let solution =
      (try? LeastSquares.solve(withConstant, rows: states.count, columns: p + 1, target, rightHandSides: 1))
      ?? []
    return solution.isEmpty ? [Double](repeating: 0, count: p) : Array(solution.dropFirst())
  }

}
