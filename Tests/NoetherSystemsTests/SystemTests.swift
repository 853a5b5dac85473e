import NoetherCore
import NoetherSystems
import Testing

@Suite struct BuiltInSystemTests {
  static let systems = BuiltInSystems.all.map { SystemCase($0) }

  @Test(arguments: systems) func vectorFieldIsOrthogonalToEveryInvariantGradient(_ c: SystemCase) {
    var g = SeededGenerator(seed: 11)
    let x = c.system.sampleInitialStates(count: 64, for: .training, using: &g)
    let f = c.system.derivatives(at: x)
    #expect(!c.system.invariants.isEmpty)
    for invariant in c.system.invariants {
      let grad = invariant.gradients(at: x)
      for i in 0..<x.count {
        var dot = 0.0
        var scale = 0.0
        for j in 0..<x.dimension {
          dot += grad[i, j] * f[i, j]
          scale += abs(grad[i, j] * f[i, j])
        }
        #expect(abs(dot) <= 1e-13 * max(scale, 1e-300), "\(c.system.name) \(invariant.name): ∇C·f = \(dot)")
      }
    }
  }

  @Test(arguments: systems) func invariantGradientsMatchFiniteDifferences(_ c: SystemCase) {
    var g = SeededGenerator(seed: 12)
    let x = c.system.sampleInitialStates(count: 4, for: .training, using: &g)
    for invariant in c.system.invariants {
      let grad = invariant.gradients(at: x)
      for j in 0..<min(x.dimension, 6) {
        let h = 1e-6
        var plus = x
        var minus = x
        for i in 0..<x.count {
          plus[i, j] += h
          minus[i, j] -= h
        }
        let (vp, vm) = (invariant.values(at: plus), invariant.values(at: minus))
        for i in 0..<x.count {
          let fd = (vp[i] - vm[i]) / (2 * h)
          #expect(abs(fd - grad[i, j]) <= 1e-6 * max(1, abs(fd)), "\(invariant.name) ∂/∂x\(j)")
        }
      }
    }
  }

  @Test(arguments: systems) func invariantsDoNotDriftAlongGeneratedTrajectories(_ c: SystemCase) throws {
    var settings = c.system.referenceProtocol
    settings.noise = 0
    settings = settings.resized(trajectories: 6)
    let data = try DatasetGenerator().generate(c.system, protocol: settings)
    #expect(data.trajectories.states.count == 6 * settings.pointCount * c.system.dimension)
    for invariant in c.system.invariants {
      let drift = InvariantDrift(of: invariant, along: data.trajectories)
      #expect(
        drift.maximumRelative < 1e-8, "\(c.system.name) \(invariant.name) drift \(drift.maximumRelative)")
      #expect(data.exactInvariants[invariant.name]?.count == 6 * settings.pointCount)
    }
  }

  @Test(arguments: systems) func derivativesAreTheExactVectorFieldWithoutNoise(_ c: SystemCase) throws {
    var settings = c.system.referenceProtocol
    settings.noise = 0
    settings = settings.resized(trajectories: 2)
    let data = try DatasetGenerator().generate(c.system, protocol: settings)
    let f = c.system.derivatives(at: data.trajectories.allStates)
    #expect(f.values == data.trajectories.derivatives)
  }
}

/// A system wrapped so that it can be a test argument.
struct SystemCase: Sendable, CustomTestStringConvertible {
  let system: any DynamicalSystem
  init(_ system: any DynamicalSystem) { self.system = system }
  var testDescription: String { system.name }
}

@Suite struct SamplingTests {
  @Test func springMassRadiiLieInTheProtocolRange() {
    var g = SeededGenerator(seed: 1)
    let x = SpringMass().sampleInitialStates(count: 2000, for: .training, using: &g)
    let radii = (0..<x.count).map { (x[$0, 0] * x[$0, 0] + x[$0, 1] * x[$0, 1]).squareRoot() }
    #expect(radii.min()! >= 0.3 && radii.max()! <= 1.2)
    #expect(radii.min()! < 0.32 && radii.max()! > 1.18)
  }

  @Test func chemicalEvaluationDrawsFromItsOwnDistribution() {
    var g = SeededGenerator(seed: 1)
    let system = ChemicalKinetics()
    let train = system.sampleInitialStates(count: 2000, for: .training, using: &g)
    let eval = system.sampleInitialStates(count: 2000, for: .evaluation, using: &g)
    func radius(_ x: StateBatch, _ i: Int) -> Double { (x[i, 0] * x[i, 0] + x[i, 1] * x[i, 1]).squareRoot() }
    #expect((0..<2000).map { radius(train, $0) }.max()! <= 100.1)
    #expect((0..<2000).map { radius(eval, $0) }.max()! > 150)
    #expect(train.values.allSatisfy { $0 >= 0 })
    #expect(abs(system.forwardRate - 0.6310) < 1e-3 && abs(system.backwardRate - 0.2744) < 1e-3)
  }

  @Test func keplerOrbitsAreBound() {
    var g = SeededGenerator(seed: 1)
    let system = Kepler()
    let x = system.sampleInitialStates(count: 1000, for: .training, using: &g)
    let energy = system.invariants[0].values(at: x)
    #expect(energy.allSatisfy { $0 < 0 })
    let f = system.derivatives(at: x)
    // Velocity is perpendicular to position at the start.
    for i in 0..<x.count { #expect(abs(x[i, 0] * x[i, 2] + x[i, 1] * x[i, 3]) < 1e-12) }
    #expect(f.isFinite)
  }

  @Test func heatEquationConservesTotalHeatExactlyAndStartsAsAGaussian() {
    var g = SeededGenerator(seed: 1)
    let system = HeatEquation()
    let u = system.sampleInitialStates(count: 10, for: .training, using: &g)
    let du = system.derivatives(at: u)
    for i in 0..<10 {
      let rate = (0..<101).reduce(0.0) { $0 + du[i, $1] }
      #expect(abs(rate) < 1e-9)
      let peak = (0..<101).map { u[i, $0] }.max()!
      #expect(peak > 0.9 && peak <= 1)
    }
    #expect(system.gridCoordinates.first == -5 && system.gridCoordinates.last == 5)
    #expect(abs(system.spacing - 0.1) < 1e-15)
  }

  @Test func separableSystemsSplitTheirVectorFields() {
    var g = SeededGenerator(seed: 2)
    let kepler = Kepler()
    let x = kepler.sampleInitialStates(count: 5, for: .training, using: &g)
    let f = kepler.derivatives(at: x)
    let q = StateBatch(count: 5, dimension: 2, values: (0..<5).flatMap { [x[$0, 0], x[$0, 1]] })
    let accel = kepler.momentumRates(positions: q)
    for i in 0..<5 {
      #expect(f[i, 2] == accel[i, 0] && f[i, 3] == accel[i, 1])
    }
  }
}
