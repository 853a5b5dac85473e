/// Estimates ẋ from sampled states: the derivatives every method trains on when a data
/// set has none of its own, or when the user asks for another estimate
/// (`--derivatives NAME`, ``DifferentiationRegistry``).
///
/// Contract: given the T samples of one trajectory (states row-major [T, n], at the
/// strictly increasing `times`), return T·n values, the estimate of ẋ at each sample.
/// Implementations must accept any T ≥ 1 (with fewer than three samples a straight line
/// or zero is the best there is) and must not trap.
public protocol Differentiation: Sendable {
  /// The name `--derivatives` takes, with its parameters (`savitzky-golay:window=11`).
  var name: String { get }
  /// ẋ at each of T samples of one trajectory (states row-major [T, n]).
  func derivatives(of states: [Double], dimension n: Int, times: [Double]) -> [Double]
  /// The same method for states whose noise is σⱼ on component j (levels a record states
  /// by component, in mixed units). The default returns the method unchanged: right for
  /// one that needs no level or estimates its own per component.
  func withNoise(byComponent sigma: [Double]) -> any Differentiation
}

extension Differentiation {
  public func withNoise(byComponent sigma: [Double]) -> any Differentiation { self }
}

extension TrajectorySet {
  /// The same trajectories with `derivatives` replaced by `differentiation`'s estimate
  /// from the states, trajectory by trajectory.
  public func rederived(with differentiation: any Differentiation) -> TrajectorySet {
    var copy = self
    var estimates = [Double]()
    estimates.reserveCapacity(states.count)
    for i in 0..<trajectoryCount {
      estimates += differentiation.derivatives(
        of: trajectory(i).values, dimension: dimension, times: times(of: i))
    }
    copy.derivatives = estimates
    return copy
  }
}

/// σ per state component for a differentiation that follows the noise: the levels
/// stated by component when there are `n` of them, else one stated σ for every
/// component, else the estimate from the states (`estimatedNoise(of:dimension:times:)`).
public func noiseLevels(
  of states: [Double], dimension n: Int, times: [Double]? = nil, stated components: [Double]?,
  uniform sigma: Double?
) -> [Double] {
  components.flatMap { $0.count == n ? $0 : nil } ?? sigma.map { [Double](repeating: $0, count: n) }
    ?? estimatedNoise(of: states, dimension: n, times: times)
}
