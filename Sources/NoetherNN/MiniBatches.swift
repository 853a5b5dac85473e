import NoetherCore

/// Shuffled mini-batches of indices, drawn with the seeded generator.
public struct MiniBatches: Sendable {
  /// Number of items (points or trajectories).
  public let itemCount: Int
  /// Items per batch; the last batch of an epoch may be smaller.
  public let batchSize: Int
  /// Points per item: 1 for batches of points; T for batches of whole trajectories,
  /// whose point indices are expanded (trajectory i covers points i·T ..< (i+1)·T).
  public let pointsPerItem: Int

  public init(itemCount: Int, batchSize: Int, pointsPerItem: Int = 1) {
    precondition(itemCount > 0 && batchSize > 0 && pointsPerItem > 0, "MiniBatches: sizes must be positive")
    self.itemCount = itemCount
    self.batchSize = batchSize
    self.pointsPerItem = pointsPerItem
  }

  /// Batches of points.
  public static func points(_ count: Int, batchSize: Int) -> MiniBatches {
    MiniBatches(itemCount: count, batchSize: batchSize)
  }

  /// Batches of whole trajectories of `length` points each.
  public static func trajectories(_ count: Int, length: Int, perBatch: Int) -> MiniBatches {
    MiniBatches(itemCount: count, batchSize: perBatch, pointsPerItem: length)
  }

  /// One epoch: a fresh shuffle, cut into batches of point indices.
  public func epoch(using generator: inout SeededGenerator) -> [[Int]] {
    var order = Array(0..<itemCount)
    generator.shuffle(&order)
    return stride(from: 0, to: itemCount, by: batchSize).map { start in
      order[start..<min(start + batchSize, itemCount)].flatMap { item in
        (item * pointsPerItem)..<((item + 1) * pointsPerItem)
      }
    }
  }
}
