import NoetherCore
import Synchronization

/// Feature libraries by name, so that the command line (`--library poly3+trig`) can
/// choose them: `polyN` is the polynomials up to degree N with a constant (`poly2` is
/// the default), `central` 1/r and qᵢ/r (``CentralForceLibrary``), `log` ln xᵢ and `trig`
/// sin xᵢ, cos xᵢ (``ElementaryFunctionLibrary``), `+` puts libraries side by side, and
/// any other name is one registered from Swift:
///
/// ```swift
/// FeatureLibraryRegistry.shared.register("sin-q", CustomLibrary([.init(name: { "sin(\($0[0]))" }, value: { sin($0[0]) })]))
/// ```
public final class FeatureLibraryRegistry: Sendable {
  /// The registry the command line uses.
  public static let shared = FeatureLibraryRegistry()

  private let named = Mutex<[String: any FeatureLibrary]>([:])

  public init() {
    named.withLock {
      $0["central"] = CentralForceLibrary()
      $0["log"] = ElementaryFunctionLibrary(.logarithm)
      $0["trig"] = ElementaryFunctionLibrary(.trigonometric)
    }
  }

  /// Registers `library` as `name` (replacing one of that name).
  /// - Precondition: the name is not empty, has no `+`, and is not of the form `polyN`.
  public func register(_ name: String, _ library: any FeatureLibrary) {
    precondition(
      !name.isEmpty && !name.contains("+") && Self.polynomialDegree(name) == nil,
      "FeatureLibraryRegistry: '\(name)' is reserved or malformed")
    named.withLock { $0[name] = library }
  }

  /// The registered names, sorted.
  public var names: [String] { named.withLock { $0.keys.sorted() } }

  /// The library a spec names, knowing its spec.
  /// - Throws: `NoetherError.unknownName` listing the choices for a part it does not know.
  public func library(_ spec: String) throws -> SpecifiedLibrary {
    let parts = try spec.split(separator: "+", omittingEmptySubsequences: false).map {
      part -> any FeatureLibrary in
      let name = String(part).trimmingSpaces()
      if let degree = Self.polynomialDegree(name) { return PolynomialLibrary(degree: degree) }
      guard let library = named.withLock({ $0[name] }) else {
        throw NoetherError.unknownName(
          kind: "feature library", name: name, choices: ["poly1", "poly2", "poly3", "…"] + names)
      }
      return library
    }
    return SpecifiedLibrary(spec: spec, library: parts.count == 1 ? parts[0] : ConcatenatedLibrary(parts))
  }

  /// N for `polyN` with 1 ≤ N ≤ 8, else nil.
  static func polynomialDegree(_ name: String) -> Int? {
    guard name.hasPrefix("poly"), let degree = Int(name.dropFirst(4)), (1...8).contains(degree) else {
      return nil
    }
    return degree
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    var s = Substring(self)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
