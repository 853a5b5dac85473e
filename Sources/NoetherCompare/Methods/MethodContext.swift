import Foundation
import NoetherCore
import NoetherNN
import Synchronization

/// What a method gets from the comparison for one seed: the seed, the problem, progress
/// reporting, and a place for work that several methods share.
public final class MethodContext: Sendable {
  public let seed: UInt64
  public let problem: MethodProblem
  /// The noise on the data's states (the data file's, given or estimated, or the protocol's).
  public let noise: NoiseLevel
  /// In an autoencoder's latent space, its decoder (latent → state), so that invariants
  /// of the states can be read there (`DecodedInvariant`); nil in the state space.
  public let latentDecoder: MLP?
  public let progress: ProgressHandler?
  private let work: SharedWork
  private let keyPrefix: String
  /// The seconds the shared work this method used took to compute, by label, and the
  /// seconds the method spent in it (computing or waiting), which are not its own training.
  private let sharedTime: SharedTime

  /// A context for one method on one seed; methods given the same `work` share it.
  convenience init(
    seed: UInt64, problem: MethodProblem, noise: NoiseLevel, progress: ProgressHandler?, work: SharedWork
  ) {
    self.init(
      seed: seed, problem: problem, noise: noise, progress: progress, work: work, keyPrefix: "",
      sharedTime: SharedTime())
  }

  private init(
    seed: UInt64, problem: MethodProblem, noise: NoiseLevel, progress: ProgressHandler?, work: SharedWork,
    keyPrefix: String, sharedTime: SharedTime, latentDecoder: MLP? = nil
  ) {
    self.seed = seed
    self.problem = problem
    self.noise = noise
    self.latentDecoder = latentDecoder
    self.progress = progress
    self.work = work
    self.keyPrefix = keyPrefix
    self.sharedTime = sharedTime
  }

  /// The value of shared work, computed by the first method of the seed that asks for it.
  /// - Parameters:
  ///   - label: what it is (`contrastive`); its time shows as `<label> (shared)` in every
  ///     run that used it, apart from the method's own training time.
  ///   - key: what makes two requests the same work (the settings it was computed with).
  ///   - make: computes it; an error is rethrown to every method that asks.
  public func shared<T: Sendable>(_ label: String, key: String, _ make: () throws -> T) throws -> T {
    let start = Date()
    defer { sharedTime.addSpent(Date().timeIntervalSince(start)) }
    let (value, seconds) = try work.value(for: keyPrefix + label + "|" + key, make)
    sharedTime.add(seconds, to: "\(label) (shared)")
    return value
  }

  /// The same seed and shared work for a method working on another problem (a wrapper's
  /// inner method in latent space); its shared work is kept apart by `keyPrefix`.
  public func scoped(to problem: MethodProblem, keyPrefix: String, latentDecoder: MLP? = nil) -> MethodContext
  {
    MethodContext(
      seed: seed, problem: problem, noise: noise, progress: progress, work: work,
      keyPrefix: self.keyPrefix + keyPrefix, sharedTime: sharedTime, latentDecoder: latentDecoder)
  }

  /// The compute time of the shared work used, by label (`contrastive (shared)`).
  var sharedSeconds: [String: Double] { sharedTime.seconds }
  /// The seconds spent inside shared work (computing or waiting).
  var secondsInSharedWork: Double { sharedTime.spent }
}
