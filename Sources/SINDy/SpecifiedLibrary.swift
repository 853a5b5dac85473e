import NoetherCore

/// A feature library together with the spec that names it (`poly3+central`), as
/// `FeatureLibraryRegistry.library(_:)` builds it: it knows its spec and its terms'
/// forms, and is the library otherwise (every requirement forwarded).
public struct SpecifiedLibrary: FeatureLibrary {
  /// The spec, which the registry turns back into this library.
  public let spec: String
  public let library: any FeatureLibrary

  public init(spec: String, library: any FeatureLibrary) {
    self.spec = spec
    self.library = library
  }

  public func featureCount(dimension: Int) -> Int { library.featureCount(dimension: dimension) }
  public func featureNames(stateNames: [String]) -> [String] { library.featureNames(stateNames: stateNames) }
  public func features(_ states: StateBatch) -> [Double] { library.features(states) }
  public func featureGradients(_ states: StateBatch) -> [Double] { library.featureGradients(states) }
  public var archiveDescription: String? { library.archiveDescription }
  public func featureForms(dimension: Int) -> [FeatureForm]? { library.featureForms(dimension: dimension) }
}
