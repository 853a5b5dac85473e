import NoetherCompare

extension SweepSpec {
  /// The seeds every cell runs: the spec's list, or `seedCount` seeds from `first`
  /// (the protocol's seed).
  func seedList(from first: UInt64) -> [UInt64] {
    seeds ?? (0..<UInt64(seedCount)).map { first &+ $0 }
  }

  /// The field `seeds`: a count, or a list of distinct seeds.
  enum Seeds {
    case count(Int)
    case list([UInt64])
  }

  static func seeds(_ value: Any, path: String) throws -> Seeds {
    func fail(_ message: String) -> CommandLineError {
      CommandLineError("sweep spec '\(path)': \(message) (docs/sweeps.md).")
    }
    if let count = Self.wholeNumber(value) {
      guard (1...ComparisonRequest.maximumSeeds).contains(count) else {
        throw fail("field 'seeds' must be a count in 1…\(ComparisonRequest.maximumSeeds), got \(count)")
      }
      return .count(count)
    }
    guard let list = value as? [Any], !list.isEmpty else {
      throw fail("field 'seeds' must be a count or a list of seeds, got \(Self.shown(value))")
    }
    let seeds = try list.map { item in
      guard let seed = Self.wholeNumber(item), seed >= 0 else {
        throw fail("field 'seeds' must hold whole numbers ≥ 0, got \(Self.shown(item))")
      }
      return UInt64(seed)
    }
    guard Set(seeds).count == seeds.count else { throw fail("field 'seeds' names a seed twice") }
    return .list(seeds)
  }
}
