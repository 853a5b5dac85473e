import NoetherCompare
import NoetherCore
import SINDy

/// SINDy: sparse regression of ẋ on a feature library (default: polynomials up to
/// degree 2 with a constant, the reference's), STLSQ.
public struct SINDyMethod: ConfigurableMethod {
  public static let methodName = "sindy"
  public static let summary =
    "sparse regression of ẋ on a feature library (default polynomials of degree ≤ 2)"
  public var name: String { Self.methodName }
  /// One least-squares fit: next to nothing.
  public var expectedCost: Double { 0.05 }
  public var library: any FeatureLibrary
  /// The library's spec, for messages.
  public var librarySpec: String
  /// The sparse regression (STLSQ: threshold 0.1, ridge 0.05 by default).
  public var regressor: SequentiallyThresholdedLeastSquares

  public init(
    library: any FeatureLibrary = PolynomialLibrary(degree: 2), librarySpec: String = "poly2",
    regressor: SequentiallyThresholdedLeastSquares = SequentiallyThresholdedLeastSquares()
  ) {
    self.library = library
    self.librarySpec = librarySpec
    self.regressor = regressor
  }

  /// The library named by `options.library` (`FeatureLibraryRegistry`), default `poly2`,
  /// and STLSQ with `options.sindyThreshold` and `options.sindyRidge` where given.
  /// - Throws: `NoetherError.unknownName` for a spec naming an unknown library.
  public init(options: MethodOptions, problem: MethodProblem) throws {
    let spec = options.library ?? "poly2"
    var regressor = SequentiallyThresholdedLeastSquares()
    if let threshold = options.sindyThreshold { regressor.threshold = threshold }
    if let ridge = options.sindyRidge { regressor.ridge = ridge }
    self.init(
      library: try FeatureLibraryRegistry.shared.library(spec), librarySpec: spec, regressor: regressor)
  }

  public func inapplicability(to problem: MethodProblem) -> String? {
    guard problem.isLatentSpace else { return nil }
    return
      "a \(librarySpec == "poly2" ? "degree-2 polynomial" : "'\(librarySpec)'") library in \(problem.system.dimension) dimensions is too large to regress"
  }

  public func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    let names = context.problem.isLatentSpace ? nil : context.problem.system.stateNames
    return FittedModel(
      model: try SINDyLearner(library: library, regressor: regressor, stateNames: names).fit(data))
  }
}
