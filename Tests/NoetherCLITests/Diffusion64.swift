import Foundation
import NoetherCore
import NoetherSystems

/// A user's field system, defined outside the package: diffusion u_t = D u_yy on [0, 1]
/// with insulated ends, on PDEBench's 64-point grid (the built-in heat equation's
/// discretisation, with its own name, grid, coefficient and protocol).
struct Diffusion64: FieldSystem {
  let diffusivity = 0.01
  private var grid: HeatEquation { HeatEquation(nodeCount: 64, domain: 0...1) }

  var name: String { "diffusion-64" }
  var dimension: Int { 64 }
  var stateNames: [String] { (0..<64).map { "u\($0)" } }
  var gridCoordinates: [Double] { grid.gridCoordinates }
  var invariants: [KnownInvariant] { grid.invariants }
  var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      name: "diffusion-64", trajectoryCount: 20, trainingCount: 10, pointCount: 21, duration: 2,
      evaluationHorizon: 0.5, evaluationPointCount: 51, evaluationTrajectoryCount: 4)
  }

  func derivatives(at states: StateBatch) -> StateBatch {
    var out = grid.derivatives(at: states)
    out.values = out.values.map { $0 * diffusivity }
    return out
  }

  /// u₀(y) = 1 + Σₖ aₖ cos(kπy), k = 1…3, aₖ ~ U[−0.5, 0.5].
  func sampleInitialStates(count: Int, for purpose: SamplingPurpose, using generator: inout SeededGenerator)
    -> StateBatch
  {
    let y = gridCoordinates
    var out = StateBatch(zeros: count, dimension: 64)
    for i in 0..<count {
      let a = (1...3).map { _ in generator.uniform(-0.5, 0.5) }
      for j in 0..<64 {
        var u = 1.0
        for k in 1...3 { u += a[k - 1] * cos(Double(k) * Double.pi * y[j]) }
        out[i, j] = u
      }
    }
    return out
  }
}
