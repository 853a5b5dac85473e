/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// The same seed gives the same sequence on every machine and every Swift version:
/// the bit generator, the conversion to `Double` and the Gaussian transform are all
/// defined here rather than taken from the standard library, whose
/// `Double.random(in:using:)` is free to change between releases.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64
  private var spareNormal: Double?

  /// Creates a generator whose whole sequence is determined by `seed`.
  public init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotateLeft(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotateLeft(s3, 45)
    return result
  }

  /// A uniform sample in [0, 1) with 53 random bits.
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform sample in [lower, upper).
  public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
    lower + (upper - lower) * nextUniform()
  }

  /// A standard normal sample (Marsaglia's polar method; the second value of each
  /// pair is kept for the next call).
  public mutating func nextNormal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    var u = 0.0
    var v = 0.0
    var s = 0.0
    repeat {
      u = 2 * nextUniform() - 1
      v = 2 * nextUniform() - 1
      s = u * u + v * v
    } while s >= 1 || s == 0
    let scale = (-2 * _log(s) / s).squareRoot()
    spareNormal = v * scale
    return u * scale
  }

  /// A uniform integer in 0..<bound (Lemire's nearly divisionless method).
  public mutating func nextIndex(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let range = UInt64(bound)
    let threshold = (0 &- range) % range
    while true {
      let (high, low) = next().multipliedFullWidth(by: range)
      if low >= threshold { return Int(high) }
    }
  }

  /// Shuffles `array` in place (Fisher–Yates) with this generator.
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      let j = nextIndex(below: i + 1)
      if i != j { array.swapAt(i, j) }
    }
  }

  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }
}
