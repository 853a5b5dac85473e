import NoetherCompare
import Synchronization

/// The metrics `noether compare` measures on every run, in table order. It starts with
/// the built-ins (MSE, violation, R², rollouts outside the data, wall times); a user's
/// executable appends its own before running ``NoetherCommand``:
///
/// ```swift
/// MetricRegistry.shared.register(FinalStateError())
/// ```
public final class MetricRegistry: Sendable {
  /// The registry the commands use.
  public static let shared = MetricRegistry(builtIns: true)

  private let entries = Mutex<[any ComparisonMetric]>([])

  /// - Parameter builtIns: start with `Experiment.builtInMetrics`.
  public init(builtIns: Bool = false) {
    if builtIns { entries.withLock { $0 = Experiment.builtInMetrics } }
  }

  /// Appends a metric (measured after the ones registered before it).
  public func register(_ metric: any ComparisonMetric) { entries.withLock { $0.append(metric) } }

  /// Every registered metric, in order.
  public var all: [any ComparisonMetric] { entries.withLock { $0 } }
}
