import Synchronization

/// Seconds per label, added from any thread.
final class SharedTime: Sendable {
  private let storage = Mutex<(seconds: [String: Double], spent: Double)>(([:], 0))
  func add(_ seconds: Double, to label: String) {
    storage.withLock { $0.seconds[label, default: 0] += seconds }
  }
  func addSpent(_ seconds: Double) { storage.withLock { $0.spent += seconds } }
  var seconds: [String: Double] { storage.withLock { $0.seconds } }
  var spent: Double { storage.withLock { $0.spent } }
}
