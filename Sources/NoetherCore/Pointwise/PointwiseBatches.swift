extension KnownInvariant {
  /// A known invariant from its value and gradient at one state (batches are mapped
  /// state by state).
  public static func pointwise(
    _ name: String, _ formula: String, value: @escaping @Sendable ([Double]) -> Double,
    gradient: @escaping @Sendable ([Double]) -> [Double]
  ) -> KnownInvariant {
    KnownInvariant(
      name: name, formula: formula, value: { x in (0..<x.count).map { value(x.row($0)) } },
      gradient: { x in x.mapped(gradient) })
  }
}

extension StateBatch {
  /// `count` states drawn one by one.
  public static func drawn(_ count: Int, dimension: Int, _ draw: () -> [Double]) -> StateBatch {
    StateBatch(count: count, dimension: dimension, values: (0..<count).flatMap { _ in draw() })
  }

  /// f applied to every state (f returns `dimension` values).
  public func mapped(_ f: ([Double]) -> [Double]) -> StateBatch {
    StateBatch(count: count, dimension: dimension, values: (0..<count).flatMap { f(row($0)) })
  }
}
