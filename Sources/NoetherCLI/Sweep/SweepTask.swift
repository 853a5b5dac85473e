/// One independent unit of a sweep: a cell and one seed, with every method. Its
/// comparison is fully named by `request`, so any process on any node runs it the same.
public struct SweepTask: Codable, Sendable, Equatable {
  /// Its index in the manifest, from 0 (Slurm's `SLURM_ARRAY_TASK_ID`).
  public var index: Int
  public var cell: SweepCell
  public var seed: UInt64
  /// The comparison: the cell's system, noise and sizes, this seed, the spec's methods.
  public var request: ComparisonRequest

  public init(index: Int, cell: SweepCell, seed: UInt64, request: ComparisonRequest) {
    self.index = index
    self.cell = cell
    self.seed = seed
    self.request = request
  }

  /// `task 3 (spring-mass, σ = 0.01, 40 training trajectories × 100 points, seed 2024)`.
  public var label: String { "task \(index) (\(cell.title), seed \(seed))" }
}
