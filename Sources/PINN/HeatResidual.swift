import NoetherCore
import NoetherNN
import _Differentiation

/// The PINN residual of the heat equation u_t = κ·u_yy for a network u(t, y):
/// mean over collocation points of (u_t − κ·u_yy)², with u_t the first directional
/// derivative along t and u_yy the second along y, pushed through the network as jets
/// (Swift cannot differentiate a gradient, so the derivatives are explicit matrix code
/// that compiler AD then differentiates with respect to the parameters).
public struct HeatResidual: Sendable {
  /// κ, the diffusivity (1 for the built-in heat equation).
  public var diffusivity: Double

  public init(diffusivity: Double = 1) { self.diffusivity = diffusivity }

  /// The residual's mean square at `points` (rows (t, y)), differentiable in u.
  @differentiable(reverse,wrt: u)
  public func meanSquare(_ u: MLP, at points: Matrix) -> Double {
    residual(u, at: points).squared().mean()
  }

  /// u_t − κ·u_yy at each row (t, y) of `points`.
  @differentiable(reverse,wrt: u)
  public func residual(_ u: MLP, at points: Matrix) -> Matrix {
    let ut = u.jet(at: points, direction: Matrix([[1, 0]]), secondOrder: false).tangent
    let uyy = u.jet(at: points, direction: Matrix([[0, 1]])).second
    return ut - diffusivity * uyy
  }
}
