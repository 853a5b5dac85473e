import Foundation
import Synchronization

/// Work that several methods of one seed share, done once: the first method to ask for
/// a key computes it, others asking meanwhile wait, and everyone gets the same value
/// (or the same error) and the seconds it took to compute.
final class SharedWork: Sendable {
  private final class Slot: Sendable {
    let result = Mutex<(Result<any Sendable, any Error>, seconds: Double)?>(nil)
  }

  private let slots = Mutex<[String: Slot]>([:])

  func value<T: Sendable>(for key: String, _ make: () throws -> T) throws -> (value: T, seconds: Double) {
    let slot = slots.withLock { slots in
      if let slot = slots[key] { return slot }
      let slot = Slot()
      slots[key] = slot
      return slot
    }
    let (result, seconds) = slot.result.withLock {
      stored -> (Result<any Sendable, any Error>, seconds: Double) in
      if let stored { return stored }
      let start = Date()
      let made = (Result<any Sendable, any Error> { try make() }, seconds: Date().timeIntervalSince(start))
      stored = made
      return made
    }
    guard let value = try result.get() as? T else {
      preconditionFailure("SharedWork: key '\(key)' was used for two types")
    }
    return (value, seconds)
  }
}
