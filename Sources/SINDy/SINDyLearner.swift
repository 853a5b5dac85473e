import NoetherCore
import NoetherLearning

/// SINDy (Brunton, Proctor & Kutz 2016): sparse regression of ẋ on a library of
/// candidate functions, ẋ = Θ(x)·Ξ. Three plug-in axes with defaults: the feature
/// library (polynomials of degree 2), the sparse regressor (STLSQ, threshold 0.1,
/// ridge 0.05) and the differentiation used when derivatives are not given (finite
/// differences).
public struct SINDyLearner: DynamicsLearner, Sendable {
  public var methodName: String { "sindy" }
  public var library: any FeatureLibrary
  public var regressor: any SparseRegressor
  public var differentiation: any Differentiation
  /// Use the data's observed ẋ (true) or estimate ẋ from the states (false).
  public var usesGivenDerivatives: Bool
  /// Names of the state components, for the printed equations.
  public var stateNames: [String]?

  public init(
    library: any FeatureLibrary = PolynomialLibrary(degree: 2),
    regressor: any SparseRegressor = SequentiallyThresholdedLeastSquares(),
    differentiation: any Differentiation = FiniteDifference(), usesGivenDerivatives: Bool = true,
    stateNames: [String]? = nil
  ) {
    self.library = library
    self.regressor = regressor
    self.differentiation = differentiation
    self.usesGivenDerivatives = usesGivenDerivatives
    self.stateNames = stateNames
  }

  public func fit(_ data: TrajectorySet) throws -> SINDyModel {
    let train = data.training
    guard train.trajectoryCount > 0 else {
      throw NoetherError.invalidParameter(
        name: "training data", value: "empty", requirement: "SINDy needs training trajectories")
    }
    let n = train.dimension
    var targets = train.derivatives
    if !usesGivenDerivatives {
      guard train.layout.shortestLength >= 3 else {
        throw NoetherError.invalidParameter(
          name: "points", value: "\(train.layout.shortestLength)",
          requirement: "finite differences need at least 3 per trajectory")
      }
      targets = (0..<train.trajectoryCount).flatMap {
        differentiation.derivatives(of: train.trajectory($0).values, dimension: n, times: train.times(of: $0))
      }
    }
    let states = train.allStates
    let theta = library.features(states)
    let p = library.featureCount(dimension: n)
    guard theta.allSatisfy(\.isFinite) else {
      throw NoetherError.nonFiniteValues(what: "SINDy library features")
    }
    let xi = try regressor.fit(features: theta, featureCount: p, targets: targets, targetCount: n)
    return SINDyModel(
      library: library, coefficients: xi, dimension: n,
      stateNames: stateNames ?? (0..<n).map { "x\($0)" })
  }
}

/// A fitted SINDy model ẋ = Θ(x)·Ξ.
public struct SINDyModel: VectorFieldModel {
  public var methodName: String { "sindy" }
  public let library: any FeatureLibrary
  /// Ξ, row-major [features, dimension].
  public let coefficients: [Double]
  public let dimension: Int
  public let stateNames: [String]

  public init(library: any FeatureLibrary, coefficients: [Double], dimension: Int, stateNames: [String]) {
    self.library = library
    self.coefficients = coefficients
    self.dimension = dimension
    self.stateNames = stateNames
  }

  /// The coefficient of feature `name` in the equation for component `j`.
  public func coefficient(of name: String, inEquation j: Int) -> Double? {
    guard let f = library.featureNames(stateNames: stateNames).firstIndex(of: name) else { return nil }
    return coefficients[f * dimension + j]
  }

  /// The equations, one per component, such as `q' = 2.000 p`.
  public func equations(precision: Int = 3) -> [String] {
    let names = library.featureNames(stateNames: stateNames)
    return (0..<dimension).map { j in
      var terms = [String]()
      for (f, name) in names.enumerated() {
        let c = coefficients[f * dimension + j]
        guard c != 0 else { continue }
        let magnitude = NumberFormat.fixed(abs(c), digits: precision)
        let term = name == "1" ? magnitude : "\(magnitude) \(name)"
        terms.append(terms.isEmpty ? (c < 0 ? "-\(term)" : term) : (c < 0 ? "- \(term)" : "+ \(term)"))
      }
      return "\(stateNames[j])' = \(terms.isEmpty ? "0" : terms.joined(separator: " "))"
    }
  }

  public func derivatives(at states: StateBatch) -> StateBatch {
    let theta = library.features(states)
    let p = library.featureCount(dimension: dimension)
    var out = StateBatch(zeros: states.count, dimension: dimension)
    for i in 0..<states.count {
      for f in 0..<p {
        let v = theta[i * p + f]
        guard v != 0 else { continue }
        for j in 0..<dimension { out.values[i * dimension + j] += v * coefficients[f * dimension + j] }
      }
    }
    return out
  }

  public func archive() -> ModelArchive {
    let p = library.featureCount(dimension: dimension)
    return ModelArchive(
      method: methodName,
      settings: [
        "library": library.archiveDescription ?? "custom", "state_names": stateNames.joined(separator: ","),
        "equations": equations().joined(separator: "; "),
      ],
      arrays: ["coefficients": .init(shape: [p, dimension], values: coefficients)])
  }

  /// Rebuilds a model; a model with custom terms needs its `library` supplied again.
  public init(archive: ModelArchive, library supplied: (any FeatureLibrary)? = nil) throws {
    let library = try supplied ?? featureLibrary(fromDescription: try archive.setting("library"))
    let xi = try archive.array("coefficients")
    guard xi.shape.count == 2, xi.shape[0] == library.featureCount(dimension: xi.shape[1]) else {
      throw NoetherError.invalidParameter(
        name: "SINDy archive", value: "coefficients \(xi.shape)",
        requirement: "must be [features, dimension] for its library")
    }
    let names = try archive.setting("state_names").split(separator: ",").map(String.init)
    self.init(library: library, coefficients: xi.values, dimension: xi.shape[1], stateNames: names)
  }
}
