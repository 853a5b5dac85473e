import NoetherCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct IntegratorTests {
  let system = Oscillator()
  let x0 = [0.7, -0.3]
  let duration = 2.0

  func endState(_ integrator: some FixedStepIntegrator) -> [Double] {
    let s = integrator.integrate(system, from: StateBatch(rows: [x0]), at: [0, duration])
    return s.states(atTimeIndex: 1).row(0)
  }

  @Test func rungeKutta4HasOrderFour() {
    let p = observedOrder(
      stepCounts: [20, 40, 80, 160], duration: duration,
      integrate: { endState(RungeKutta4(stepSize: $0)) }, exact: system.exact(x0, at: duration))
    #expect(abs(p - 4) < 0.3, "observed order \(p)")
  }

  @Test func dormandPrinceHasOrderFive() {
    let p = observedOrder(
      stepCounts: [10, 20, 40, 80], duration: duration,
      integrate: { endState(DormandPrince5(stepSize: $0)) }, exact: system.exact(x0, at: duration))
    #expect(abs(p - 5) < 0.3, "observed order \(p)")
  }

  @Test func stormerVerletHasOrderTwo() {
    let p = observedOrder(
      stepCounts: [20, 40, 80, 160], duration: duration,
      integrate: { h in
        StormerVerlet(stepSize: h).integrate(system, from: StateBatch(rows: [x0]), at: [0, duration])
          .states(atTimeIndex: 1).row(0)
      }, exact: system.exact(x0, at: duration))
    #expect(abs(p - 2) < 0.3, "observed order \(p)")
  }

  @Test func adaptiveDormandPrinceMatchesExactOscillatorOver50Seconds() {
    let starts = [[0.7, -0.3], [1.2, 0.0], [-0.05, 0.4]]
    let times = evenGrid(from: 0, to: 50, count: 1001)
    let solution = DormandPrince45(relativeTolerance: 1e-10).integrate(
      system, from: StateBatch(rows: starts), at: times)
    #expect(solution.status == .success)
    var worst = 0.0
    for (i, start) in starts.enumerated() {
      let trajectory = solution.trajectory(i)
      for (k, t) in times.enumerated() {
        let exact = system.exact(start, at: t)
        worst = max(worst, abs(trajectory[k, 0] - exact[0]), abs(trajectory[k, 1] - exact[1]))
      }
    }
    #expect(worst < 1e-8, "largest error \(worst)")
  }

  @Test func adaptiveToleranceControlsTheError() {
    func error(rtol: Double) -> Double {
      let s = DormandPrince45(relativeTolerance: rtol, absoluteTolerance: rtol * 1e-2)
        .integrate(system, from: StateBatch(rows: [x0]), at: [0, 10])
      let exact = system.exact(x0, at: 10)
      return max(
        abs(s.states(atTimeIndex: 1)[0, 0] - exact[0]), abs(s.states(atTimeIndex: 1)[0, 1] - exact[1]))
    }
    let coarse = error(rtol: 1e-5)
    let fine = error(rtol: 1e-9)
    #expect(fine < coarse / 100, "rtol 1e-5 → \(coarse), rtol 1e-9 → \(fine)")
  }

  @Test func leapfrogEnergyErrorIsBoundedOver100kSteps() {
    let h = 0.05
    let steps = 100_000
    let times = (0...(steps / 100)).map { Double($0 * 100) * h }
    let solution = StormerVerlet(stepSize: h).integrate(system, from: StateBatch(rows: [x0]), at: times)
    let energy = system.invariants[0].values(at: solution.trajectory(0))
    let e0 = energy[0]
    let errors = energy.map { abs($0 - e0) / e0 }
    let window = errors.count / 10
    let early = errors[1..<window].max()!
    let late = errors[(errors.count - window)...].max()!
    // Second order: the energy error is O((hω)²) and oscillates without growing.
    #expect(errors.max()! < 5e-3, "largest relative energy error \(errors.max()!)")
    #expect(late < 1.2 * early, "energy error grew from \(early) to \(late): drift")
  }

  @Test func rk4EnergyDriftsWhereLeapfrogDoesNot() {
    // A control for the test above: the non-symplectic RK4 at the same step drifts,
    // its energy error growing in proportion to time.
    let h = 0.05
    let rk = RungeKutta4(stepSize: h).integrate(system, from: StateBatch(rows: [x0]), at: [0, 1250, 2500])
    let e = system.invariants[0].values(at: rk.trajectory(0))
    let (early, late) = (abs(e[1] - e[0]), abs(e[2] - e[0]))
    #expect(late > 1.9 * early && late < 2.1 * early, "RK4 energy error \(early) then \(late)")
  }

  @Test func divergenceIsReportedNotTrapped() {
    let solution = DormandPrince45(relativeTolerance: 1e-8).integrate(
      BlowUp(), from: StateBatch(rows: [[1.0]]), at: [0, 0.5, 2])
    #expect(!solution.status.succeeded)
    #expect(abs(solution.states[1] - 2) < 1e-6)  // x(0.5) = 1/(1 − 0.5)
    #expect(solution.states[2].isNaN)
    let fixed = RungeKutta4(stepSize: 0.01).integrate(BlowUp(), from: StateBatch(rows: [[1.0]]), at: [0, 2])
    #expect(!fixed.status.succeeded)
  }

  @Test func batchesIntegrateEachTrajectory() {
    let starts = [[1.0, 0.0], [0.0, 1.0]]
    let s = RungeKutta4(stepSize: 0.001).integrate(system, from: StateBatch(rows: starts), at: [0, 1])
    for (i, start) in starts.enumerated() {
      let exact = system.exact(start, at: 1)
      #expect(abs(s.trajectory(i)[1, 0] - exact[0]) < 1e-10)
    }
  }
}
