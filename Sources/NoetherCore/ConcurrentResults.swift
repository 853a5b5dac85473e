import Synchronization

/// One slot per index, filled by concurrent iterations (such as
/// `DispatchQueue.concurrentPerform`) and read once they have finished.
public final class ConcurrentResults<T: Sendable>: Sendable {
  private let storage: Mutex<[T?]>

  /// `count` empty slots.
  public init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }

  /// The value in slot i (nil until written).
  public subscript(i: Int) -> T? {
    get { storage.withLock { $0[i] } }
    set { storage.withLock { $0[i] = newValue } }
  }
}
