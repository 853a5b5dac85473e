import Foundation

/// The shared state of a two-phase schedule (``MethodSchedule``): which fit starts next,
/// the fitted tasks waiting for their evaluation, and how many fits are still running.
///
/// ``next()`` hands out every fit in order, then the waiting evaluation of the earliest
/// task in that order, and blocks while nothing is ready but a running fit may still add
/// an evaluation; it returns nil once every phase has been handed out.
final class PhaseQueue<Pending: Sendable>: @unchecked Sendable {
  /// A phase to run: fit task k, or evaluate task k with what its fit gave.
  enum Phase {
    case fit(Int)
    case evaluate(Int, Pending)
  }

  private let condition = NSCondition()
  private let fitCount: Int
  private var nextFit = 0
  private var fitsRunning = 0
  /// Fitted tasks waiting for their evaluation, by their place in the fit order.
  private var waiting = [Int: Pending]()

  init(fitCount: Int) { self.fitCount = fitCount }

  /// The next phase to run; nil when none is left.
  func next() -> Phase? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if nextFit < fitCount {
        defer { nextFit += 1 }
        fitsRunning += 1
        return .fit(nextFit)
      }
      if let k = waiting.keys.min(), let pending = waiting.removeValue(forKey: k) {
        return .evaluate(k, pending)
      }
      // Only a fit still running can add an evaluation.
      if fitsRunning == 0 { return nil }
      condition.wait()
    }
  }

  /// Fit k finished; `pending` (nil: nothing to evaluate) waits for its evaluation.
  func fitted(_ k: Int, _ pending: Pending?) {
    condition.lock()
    if let pending { waiting[k] = pending }
    fitsRunning -= 1
    condition.broadcast()
    condition.unlock()
  }
}
