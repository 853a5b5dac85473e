import Foundation
import NoetherCore
import NoetherSystems
import SINDy
import Testing

@testable import Discovery

/// The drift test: calibrated on white noise, sensitive to a drift well inside the noise,
/// and what it buys discovery at σ = 0.1.
@Suite struct DriftTestTests {
  /// `count` trajectories of `steps` points: a constant per trajectory, plus white noise
  /// whose level differs from trajectory to trajectory, plus `drift` × sin(πt) (t ∈ [0, 1]).
  func series(count: Int, steps: Int, drift: Double, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    var values = [Double]()
    for t in 0..<count {
      let level = 0.5 + Double(t % 5) * 0.5
      let offset = generator.nextNormal() * 3
      for i in 0..<steps {
        let time = Double(i) / Double(steps - 1)
        values.append(offset + level * generator.nextNormal() + drift * level * sin(Double.pi * time))
      }
    }
    return values
  }

  /// Each part — the trend and the serial correlation — scores like N(0, 1) on a constant
  /// plus white noise whose level differs between trajectories; the test, the larger of
  /// the two, stays far below 6.
  @Test func whiteNoiseScoresLikeAStandardNormal() throws {
    let all = Array(repeating: true, count: 2500)
    let samples = (0..<200).map { series(count: 50, steps: 50, drift: 0, seed: UInt64($0)) }
    let trend = try samples.map {
      try #require(DriftTest().trend($0, kept: all, layout: TrajectoryLayout(count: 50, length: 50)))
    }
    let serial = try samples.map {
      try #require(
        SerialCorrelation.statistic($0, kept: all, layout: TrajectoryLayout(count: 50, length: 50)))
    }
    for z in [trend, serial] {
      let mean = z.reduce(0, +) / Double(z.count)
      let sd = (z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(z.count - 1)).squareRoot()
      #expect(abs(mean) < 0.25 && abs(sd - 1) < 0.2, "mean \(mean), sd \(sd)")
    }
    let both = try samples.map {
      try #require(DriftTest().statistic($0, kept: all, layout: TrajectoryLayout(count: 50, length: 50)))
    }
    #expect(both.max()! < 6, "\(both.max()!)")
  }

  /// On trajectories of their own lengths (20 to 79 points) both parts still score like
  /// N(0, 1) on white noise, and a drift as large as the noise is still found: each
  /// trajectory is tested over its own points.
  @Test func trajectoriesOfTheirOwnLengthsAreEachTestedOverTheirOwnPoints() throws {
    let layout = TrajectoryLayout(lengths: (0..<50).map { 20 + ($0 * 37) % 60 })
    func series(drift: Double, seed: UInt64) -> [Double] {
      var generator = SeededGenerator(seed: seed)
      return layout.ranges.enumerated().flatMap { t, range in
        let (level, offset) = (0.5 + Double(t % 5) * 0.5, generator.nextNormal() * 3)
        return (0..<range.count).map { i in
          offset + level * generator.nextNormal()
            + drift * level * sin(Double.pi * Double(i) / Double(range.count - 1))
        }
      }
    }
    let all = Array(repeating: true, count: layout.pointCount)
    let samples = (0..<200).map { series(drift: 0, seed: UInt64($0)) }
    let trend = try samples.map { try #require(DriftTest().trend($0, kept: all, layout: layout)) }
    let serial = try samples.map { try #require(SerialCorrelation.statistic($0, kept: all, layout: layout)) }
    for z in [trend, serial] {
      let mean = z.reduce(0, +) / Double(z.count)
      let sd = (z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(z.count - 1)).squareRoot()
      #expect(abs(mean) < 0.25 && abs(sd - 1) < 0.2, "mean \(mean), sd \(sd)")
    }
    let drifting = try #require(DriftTest().statistic(series(drift: 1, seed: 7), kept: all, layout: layout))
    #expect(drifting > 10, "\(drifting)")
  }

  /// An oscillation as large as the noise's standard deviation with a period of 10 samples
  /// (five periods per trajectory; its variance a third of the values'): a trend of
  /// degree 3 does not follow it, the serial correlation at lags 1–3 leaves it out (z 8.7).
  @Test func anOscillationWithinTheNoiseIsFoundByItsSerialCorrelation() throws {
    var generator = SeededGenerator(seed: 9)
    var values = [Double]()
    for t in 0..<50 {
      let phase = Double(t) * 0.7
      for i in 0..<50 { values.append(generator.nextNormal() + sin(2 * Double.pi * Double(i) / 10 + phase)) }
    }
    let all = Array(repeating: true, count: 2500)
    let trend = try #require(
      DriftTest().trend(values, kept: all, layout: TrajectoryLayout(count: 50, length: 50)))
    let serial = try #require(
      SerialCorrelation.statistic(values, kept: all, layout: TrajectoryLayout(count: 50, length: 50)))
    #expect(trend < 6, "\(trend)")
    #expect(serial > 6, "\(serial)")
    #expect(
      try #require(DriftTest().statistic(values, kept: all, layout: TrajectoryLayout(count: 50, length: 50)))
        == serial)
  }

  /// A drift as large as the noise's standard deviation adds 9.5 % to each trajectory's
  /// variance, which the noise-ratio test lets through on 50 × 50 points (threshold
  /// 1 + 6·√(2/2450) = 1.17); its smoothness scores far above 6.
  @Test func aSlowDriftWellInsideTheNoiseIsFound() throws {
    let values = series(count: 50, steps: 50, drift: 1, seed: 7)
    let z = try #require(
      DriftTest().statistic(
        values, kept: Array(repeating: true, count: 2500), layout: TrajectoryLayout(count: 50, length: 50)))
    #expect(z > 10, "\(z)")
  }

  /// Left-out points are skipped; a trajectory with too few kept points takes no part.
  @Test func onlyKeptPointsCount() throws {
    var values = series(count: 20, steps: 30, drift: 0, seed: 3)
    var kept = Array(repeating: true, count: values.count)
    for i in 0..<30 {
      values[i] = Double(i) * 100  // trajectory 0 drifts, but only 5 of its points are kept
      kept[i] = i < 5
    }
    let z = try #require(
      DriftTest().statistic(values, kept: kept, layout: TrajectoryLayout(count: 20, length: 30)))
    #expect(abs(z) < 4, "\(z)")
  }

  /// The rigid body at σ = 0.1 (reference data, 50 × 50): the noise-ratio test passes
  /// two spurious cubic combinations (λ 1.09 and 1.04, threshold 1.18) beside the two
  /// laws; the drift test leaves them out.
  @Test func theRigidBodyAtHighNoiseKeepsOnlyItsTwoLaws() throws {
    let (result, _) = try discover(RigidBody(), trajectories: 50, noise: 0.1)
    let found = result.invariants
    #expect(found.invariantCount == 2, "\((0..<found.invariantCount).map { found.formula($0) })")
    #expect(result.drifting >= 1)
    #expect(result.laws.allSatisfy { $0.drift < 6 }, "\(result.laws.map { $0.drift })")
    for k in 0..<found.invariantCount {
      let terms = found.termNames.enumerated().filter {
        found.coefficients[k * found.termCount + $0.offset] != 0
      }
      #expect(terms.allSatisfy { $0.element.hasSuffix("^2") }, "\(found.formula(k))")
    }
  }

  @Test func exactDataAreNotTested() throws {
    let (result, _) = try discover(SpringMass(), trajectories: 10, noise: 0)
    #expect(result.invariants.invariantCount == 1 && result.laws.allSatisfy { $0.drift.isNaN })
  }

  /// Exact data declared noisy (σ = 0.001 stated, none in the states): the laws change
  /// along the data by the integrator's error, some 10⁻¹¹ of the stated noise (λ < 10⁻⁶),
  /// smoothly, so the drift test alone would reject them; they are reported as
  /// conserved, and the report says the stated σ is too large.
  @Test func exactDataDeclaredNoisyKeepTheirLaws() throws {
    for (system, count) in [(SpringMass() as any DynamicalSystem, 1), (RigidBody(), 2)] {
      var p = system.referenceProtocol.resized(trajectories: 20)
      p.noise = 0
      let data = try DatasetGenerator().generate(system, protocol: p).trajectories
      let spec = system.defaultDiscoveryLibrary
      let result = try InvariantDiscovery(
        library: try FeatureLibraryRegistry.shared.library(spec), librarySpec: spec
      )
      .discover(
        data, stateNames: system.stateNames, noise: try NoiseLevel(given: 0.001),
        knownInvariants: system.invariants)
      let found = result.invariants
      #expect(
        found.invariantCount == count,
        "\(system.name): \((0..<found.invariantCount).map { found.formula($0) })")
      #expect(
        result.laws.allSatisfy { $0.noiseRatio.magnitude < 1e-6 && $0.drift > 6 },
        "\(result.laws.map { $0.drift })")
      #expect(result.approximate == nil)
      let text = DiscoveryReport(result: result, system: system, data: data, seconds: 0).text
      #expect(text.contains("the stated σ is too large"), "\(text)")
    }
  }
}
