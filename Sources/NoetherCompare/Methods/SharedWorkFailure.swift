/// Shared work (an autoencoder, a learned invariant) failed; every method that needed it
/// reports this.
public struct SharedWorkFailure: Error, CustomStringConvertible {
  public let work: String
  public let underlying: any Error

  public init(work: String, underlying: any Error) {
    self.work = work
    self.underlying = underlying
  }

  public var description: String { "\(work): \(underlying)" }
}
