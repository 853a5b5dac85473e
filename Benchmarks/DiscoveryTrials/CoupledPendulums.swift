import Foundation
import NoetherCore
import SINDy

extension DiscoveryTrial {
  /// Two pendulums joined by a spring of stiffness 0.5 (θ̈ᵢ = −sin θᵢ ∓ 0.5(θ1 − θ2)):
  /// the energy is conserved. User terms: sines and cosines of the two angles.
  public static var coupledPendulums: DiscoveryTrial {
    pendulumPair("coupled-pendulums", friction: 0)
  }

  /// The same pendulums with friction 0.3 on each (θ̈ᵢ gains −0.3 ωᵢ): no law.
  public static var dampedPendulums: DiscoveryTrial {
    pendulumPair("damped-pendulums", friction: 0.3)
  }

  static func pendulumPair(_ name: String, friction: Double) -> DiscoveryTrial {
    let k = 0.5
    let energy = KnownInvariant("energy", "(ω1² + ω2²)/2 − cos θ1 − cos θ2 + (θ1 − θ2)²/4") { x in
      (x[2] * x[2] + x[3] * x[3]) / 2 - cos(x[0]) - cos(x[1]) + k * (x[0] - x[1]) * (x[0] - x[1]) / 2
    }
    let system = PointwiseSystem(
      name, states: ["θ1", "θ2", "ω1", "ω2"], box: [-1.5...1.5, -1.5...1.5, -1...1, -1...1],
      canonical: friction == 0 ? [("θ1", "ω1"), ("θ2", "ω2")] : [],
      invariants: friction == 0 ? [energy] : []
    ) { x in
      [
        x[2], x[3], -sin(x[0]) - k * (x[0] - x[1]) - friction * x[2],
        -sin(x[1]) + k * (x[0] - x[1]) - friction * x[3],
      ]
    }
    let terms = CustomLibrary([
      .term({ "cos(\($0[0]))" }) { x in Foundation.cos(x[0]) },
      .term({ "cos(\($0[1]))" }) { x in Foundation.cos(x[1]) },
      .term({ "sin(\($0[0]))" }) { x in Foundation.sin(x[0]) },
      .term({ "sin(\($0[1]))" }) { x in Foundation.sin(x[1]) },
    ])
    return DiscoveryTrial(system: system, libraryName: "angles", terms: terms, librarySpec: "poly2+angles")
  }
}
