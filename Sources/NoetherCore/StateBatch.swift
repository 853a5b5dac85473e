/// A batch of `count` states of an n-dimensional system, stored row-major:
/// state i occupies `values[i*dimension ..< (i+1)*dimension]`.
///
/// Every vector field, invariant and integrator in Noether works on batches, so that
/// many trajectories advance together and learned models evaluate whole matrices.
public struct StateBatch: Sendable, Equatable {
  /// Row-major values, `count × dimension` of them.
  public var values: [Double]
  /// The number of states.
  public let count: Int
  /// The dimension of each state.
  public let dimension: Int

  /// Wraps `values` (row-major, `count × dimension`).
  /// - Precondition: `values.count == count * dimension`.
  public init(count: Int, dimension: Int, values: [Double]) {
    precondition(
      values.count == count * dimension,
      "StateBatch: \(values.count) values cannot form \(count) states of dimension \(dimension)")
    self.count = count
    self.dimension = dimension
    self.values = values
  }

  /// A batch of zeros.
  public init(zeros count: Int, dimension: Int) {
    self.init(count: count, dimension: dimension, values: [Double](repeating: 0, count: count * dimension))
  }

  /// A batch from an array of states, each of the same dimension.
  public init(rows: [[Double]]) {
    let dimension = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == dimension }, "StateBatch: rows differ in length")
    self.init(count: rows.count, dimension: dimension, values: rows.flatMap { $0 })
  }

  /// Component `j` of state `i`.
  @inlinable
  public subscript(i: Int, j: Int) -> Double {
    get { values[i * dimension + j] }
    set { values[i * dimension + j] = newValue }
  }

  /// State `i` as an array.
  public func row(_ i: Int) -> [Double] {
    Array(values[(i * dimension)..<((i + 1) * dimension)])
  }

  /// All states as arrays.
  public var rows: [[Double]] { (0..<count).map(row) }

  /// True when every value is finite.
  public var isFinite: Bool { values.allSatisfy { $0.isFinite } }

  /// The states at `indices`, in that order.
  public func selecting(_ indices: [Int]) -> StateBatch {
    var out = [Double]()
    out.reserveCapacity(indices.count * dimension)
    for i in indices { out.append(contentsOf: values[(i * dimension)..<((i + 1) * dimension)]) }
    return StateBatch(count: indices.count, dimension: dimension, values: out)
  }
}
