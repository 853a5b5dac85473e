import NoetherCore
import SINDy

/// Discovery's prepared value, which every later stage reads: the library evaluated at
/// every data point, the terms that vary and their scales, the terms' forms, the noise,
/// and (once `PointFilter` has run) the points kept.
///
/// Scales: each term's standard deviation over the points used; a term whose spread is
/// below 10⁻¹² of its mean is constant on the data and leaves (it cannot tell a law from
/// a law plus a constant).
struct PreparedData {
  let library: any FeatureLibrary
  let librarySpec: String
  let stateNames: [String]
  /// Every data point, trajectory after trajectory.
  private(set) var states: StateBatch
  /// Which points are whose trajectory.
  private(set) var layout: TrajectoryLayout
  /// Each trajectory's sampling times.
  private(set) var times: [[Double]]
  /// The names of all library terms.
  let termNames: [String]
  /// Θ at every point, row-major [points, termCount].
  private(set) var theta: [Double]
  /// Per library term: its spread over the points used (0 for a constant term).
  var scales: [Double]
  /// The terms that vary along the data, in library order.
  let active: [Int]
  /// The names of the terms constant on the data.
  let constantTerms: [String]
  let noise: NoiseLevel
  /// σ the noise model works with: the noise's, or for exact data 10⁻⁶ of the states' RMS
  /// (the integrator's error floor).
  let sigma: Double
  let forms: TermForms
  /// Per point: whether the later stages use it (`PointFilter` sets it, among the
  /// defined points).
  var kept: [Bool]
  /// Per point: whether every library term is finite there (`UndefinedTerms`).
  private(set) var defined: [Bool]
  /// The points and trajectories left out because a term is not finite there; nil when
  /// every term is finite everywhere.
  let undefinedTerms: UndefinedTerms?

  /// Points at which a library term is not finite are left out (`UndefinedTerms`): never
  /// kept, their states and values those of the nearest defined point of their
  /// trajectory, so that the stages that take every point stay finite; a trajectory with
  /// fewer than 3 defined points leaves whole. The scales are the spreads over the
  /// defined points.
  /// - Throws: `NoetherError` for fewer than 3 points per trajectory, a library term that
  ///   is not finite at more than a tenth of the points, or a library with no term that varies.
  init(
    _ data: TrajectorySet, library: any FeatureLibrary, librarySpec: String, stateNames: [String],
    noise: NoiseLevel
  ) throws {
    var layout = data.layout
    guard layout.count >= 1, layout.shortestLength >= 3 else {
      throw NoetherError.invalidParameter(
        name: "data", value: "\(layout.count) trajectories of \(data.lengthText) points",
        requirement: "needs at least 3 points per trajectory")
    }
    var states = data.allStates
    var times = (0..<layout.count).map { data.times(of: $0) }
    let names = library.featureNames(stateNames: stateNames)
    var theta = library.features(states)
    let undefined = try UndefinedTerms(theta: theta, names: names, layout: layout)
    if undefined.leavesSomethingOut {
      let points = layout.points(of: undefined.kept)
      let standIns = undefined.standIns().map { points[$0] }
      states = states.selecting(standIns)
      theta = standIns.flatMap { i in theta[(i * names.count)..<((i + 1) * names.count)] }
      (layout, times) = (undefined.keptLayout, undefined.kept.map { times[$0] })
    }
    undefinedTerms = undefined.leavesSomethingOut ? undefined : nil
    let defined = undefined.defined
    let count = layout.pointCount
    let definedPoints = undefined.leftOutPoints > 0 ? (0..<count).filter { defined[$0] } : nil
    self.defined = defined
    let scales = Self.spreads(theta, terms: names.count, points: definedPoints, count: count)
    let active = (0..<names.count).filter { scales[$0] > 0 }
    guard !active.isEmpty else {
      throw NoetherError.invalidParameter(
        name: "library", value: "'\(librarySpec)'", requirement: "has no term that varies along the data")
    }
    let rms = (states.values.reduce(0) { $0 + $1 * $1 } / Double(max(states.values.count, 1))).squareRoot()
    (self.library, self.librarySpec, self.stateNames) = (library, librarySpec, stateNames)
    (self.states, self.layout, self.times) = (states, layout, times)
    (self.termNames, self.theta, self.scales, self.active) = (names, theta, scales, active)
    constantTerms = (0..<names.count).filter { scales[$0] == 0 }.map { names[$0] }
    self.noise = noise
    sigma = max(noise.sigma, 1e-6 * max(rms, 1e-300))
    forms = TermForms(library: library, names: names, states: states)
    kept = defined
  }

  /// The same value over the trajectories at `indices` alone (their points, values and
  /// kept flags); the terms, scales, forms and σ stay the whole data's, so figures on the
  /// part compare with figures on the whole (`HeldOutCheck`'s folds).
  func selecting(trajectories indices: [Int]) -> PreparedData {
    let points = layout.points(of: indices)
    var part = self
    part.states = states.selecting(points)
    part.theta = points.flatMap { i in theta[(i * termCount)..<((i + 1) * termCount)] }
    part.kept = points.map { kept[$0] }
    part.defined = points.map { defined[$0] }
    (part.layout, part.times) = (layout.selecting(indices), indices.map { times[$0] })
    return part
  }

  var termCount: Int { termNames.count }
  var trajectoryCount: Int { layout.count }
  var pointCount: Int { states.count }
  var dimension: Int { states.dimension }
  /// Noisy data: the second-order noise model, the point filter's exemptions and the
  /// statistical screening apply; exact data allow only the integrator's error.
  var isNoisy: Bool { !noise.isExact }
  /// The points kept, in order.
  var keptPoints: [Int] { (0..<pointCount).filter { kept[$0] } }

  /// Each term's standard deviation over `points` (nil: all `count` points; one pass);
  /// 0 when below 10⁻¹² of its mean.
  static func spreads(_ theta: [Double], terms p: Int, points: [Int]?, count: Int) -> [Double] {
    var scales = [Double](repeating: 0, count: p)
    let rows = points ?? Array(0..<count)
    for j in 0..<p {
      var sum = 0.0
      var sum2 = 0.0
      for i in rows {
        sum += theta[i * p + j]
        sum2 += theta[i * p + j] * theta[i * p + j]
      }
      let mean = sum / Double(rows.count)
      scales[j] = max(sum2 / Double(rows.count) - mean * mean, 0).squareRoot()
      if scales[j] <= 1e-12 * max(abs(mean), 1e-300) { scales[j] = 0 }
    }
    return scales
  }

  /// The scaled coefficients over the active terms of c over the whole library.
  func scaled(_ c: [Double]) -> [Double] { active.map { c[$0] * scales[$0] } }

  /// c over the whole library from scaled coefficients over the active terms.
  func unscaled(_ scaled: [Double]) -> [Double] {
    var c = [Double](repeating: 0, count: termCount)
    for (k, j) in active.enumerated() { c[j] = scaled[k] / scales[j] }
    return c
  }
}
