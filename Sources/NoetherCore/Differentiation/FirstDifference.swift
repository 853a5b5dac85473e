/// First differences, the estimate the Hamiltonian-neural-network paper's real-pendulum
/// task used: ẋₖ ≈ (xₖ₊₁ − xₖ)/(tₖ₊₁ − tₖ), and at the last sample the backward
/// difference (with one sample, zero). Error O(Δt) on smooth data (the slope at the
/// middle of each interval, assigned to its start); ``FiniteDifference`` is second order.
public struct FirstDifference: Differentiation {
  public init() {}

  public var name: String { "first-difference" }

  public func derivatives(of states: [Double], dimension n: Int, times t: [Double]) -> [Double] {
    let count = t.count
    var out = [Double](repeating: 0, count: states.count)
    guard count >= 2, states.count == count * n else { return out }
    for k in 0..<count {
      let (a, b) = k == count - 1 ? (k - 1, k) : (k, k + 1)
      for j in 0..<n { out[k * n + j] = (states[b * n + j] - states[a * n + j]) / (t[b] - t[a]) }
    }
    return out
  }
}
