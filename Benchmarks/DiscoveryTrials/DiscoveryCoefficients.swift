import Discovery
import NoetherCore
import NoetherLearning
import SINDy

extension DiscoveryScore {
  /// The largest error, over the expected laws, of the best of: one found formula alone, or
  /// the best combination of all of them, against the law's own coefficients on the
  /// library (each normalised by its largest coefficient). A law with one value
  /// everywhere is compared by its gradient's direction instead.
  static func coefficientError(
    found: SymbolicInvariant, foundExact: [[Double]], expected: [KnownInvariant], library: any FeatureLibrary,
    exactStates: StateBatch
  ) -> Double {
    let (m, p) = (found.invariantCount, found.termCount)
    var error = 0.0
    for e in expected {
      let target = e.values(at: exactStates)
      if isUniform(target) {
        let first = StateBatch(count: 1, dimension: exactStates.dimension, values: exactStates.row(0))
        let g = e.gradients(at: first).values
        let k = (0..<m).first { isUniform(foundExact[$0], tolerance: 1e-3) } ?? 0
        let fg = found.selecting([k]).gradients(at: first)
        let scale = (g.map(abs).max() ?? 1) / (fg.map(abs).max() ?? 1)
        error = max(error, zip(g, fg).map { abs($0 - scale * $1) }.max()! / (g.map(abs).max() ?? 1))
        continue
      }
      let truth = libraryCoefficients(target, library: library, states: exactStates)
      let largest = truth.map(abs).max() ?? 1
      var best = Double.infinity
      for subset in (0..<m).map({ [$0] }) + [Array(0..<m)] {
        let withConstant = (0..<target.count).flatMap { i in [1.0] + subset.map { foundExact[$0][i] } }
        guard
          let a = try? LeastSquares.solve(
            withConstant, rows: target.count, columns: subset.count + 1, target, rightHandSides: 1)
        else { continue }
        var combined = [Double](repeating: 0, count: p)
        for (s, k) in subset.enumerated() {
          for j in 0..<p { combined[j] += a[s + 1] * found.coefficients[k * p + j] }
        }
        best = min(best, (zip(combined, truth).map { abs($0 - $1) }.max() ?? 0) / largest)
      }
      if best.isFinite { error = max(error, best) }
    }
    return error
  }

  /// The law's coefficients on the library (least squares on exact states; the constant
  /// term absorbs any offset).
  public static func libraryCoefficients(_ target: [Double], library: any FeatureLibrary, states: StateBatch)
    -> [Double]
  {
    let p = library.featureCount(dimension: states.dimension)
    let theta = library.features(states)
    let withConstant = (0..<states.count).flatMap { i in [1.0] + Array(theta[(i * p)..<((i + 1) * p)]) }
    guard
      let solution = try? LeastSquares.solve(
        withConstant, rows: states.count, columns: p + 1, target, rightHandSides: 1)
    else { return [Double](repeating: 0, count: p) }
    return Array(solution.dropFirst())
  }

  /// The known invariants the library spans on the exact states (R² ≥ 1 − 1e-9), the
  /// laws a run with that library is expected to find.
  public static func spanned(
    _ invariants: [KnownInvariant], library: any FeatureLibrary, exactStates: StateBatch
  )
    -> [KnownInvariant]
  {
    invariants.filter { e in
      let target = e.values(at: exactStates)
      let p = library.featureCount(dimension: exactStates.dimension)
      let r2 =
        (try? coefficientOfDetermination(
          target: target, features: library.features(exactStates), featureCount: p)) ?? 0
      return isUniform(target) || r2 >= 1 - 1e-9
    }
  }

  /// The noise-free states of the protocol (the same initial states and times).
  public static func exactStates(_ system: any DynamicalSystem, _ settings: ReferenceProtocol) throws
    -> StateBatch
  {
    var exact = settings
    exact.noise = 0
    let data = try DatasetGenerator().generate(system, protocol: exact).trajectories
    return StateBatch(
      count: data.trajectoryCount * data.pointCount, dimension: data.dimension, values: data.states)
  }
}
