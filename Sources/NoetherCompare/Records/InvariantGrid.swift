import NoetherCore

/// A grid over a 2-D system's state plane with the true invariants' values on it, so
/// that learned invariants can be drawn as level sets beside the true ones.
///
/// Point (i, j) is the state (xs[i], ys[j]); arrays of values on the grid are indexed
/// `j * xs.count + i`.
public struct InvariantGrid: Sendable {
  public let xs: [Double]
  public let ys: [Double]
  /// Per known invariant, its values on the grid.
  public var trueValues: [String: [Double]]

  public init(xs: [Double], ys: [Double], trueValues: [String: [Double]] = [:]) {
    self.xs = xs
    self.ys = ys
    self.trueValues = trueValues
  }

  /// A `size` × `size` grid over the bounding box of `states` (2-D), widened by
  /// `padding` of its extent on every side, with `system`'s invariants evaluated on it.
  /// Nil unless the system is 2-D and the states are finite.
  public init?(system: any DynamicalSystem, covering states: [Double], size: Int = 61, padding: Double = 0.1)
  {
    guard system.dimension == 2, size >= 2, !states.isEmpty, states.allSatisfy(\.isFinite) else { return nil }
    let first = stride(from: 0, to: states.count, by: 2).map { states[$0] }
    let second = stride(from: 1, to: states.count, by: 2).map { states[$0] }
    func axis(_ values: [Double]) -> [Double] {
      let low = values.min()!
      let high = values.max()!
      let pad = max(high - low, 1e-6) * padding
      return (0..<size).map { low - pad + (high - low + 2 * pad) * Double($0) / Double(size - 1) }
    }
    self.init(xs: axis(first), ys: axis(second))
    let points = self.states
    for invariant in system.invariants { trueValues[invariant.name] = invariant.values(at: points) }
  }

  /// Every grid point as a state, in value order (j-major).
  public var states: StateBatch {
    var values = [Double]()
    values.reserveCapacity(xs.count * ys.count * 2)
    for y in ys {
      for x in xs { values += [x, y] }
    }
    return StateBatch(count: xs.count * ys.count, dimension: 2, values: values)
  }
}
