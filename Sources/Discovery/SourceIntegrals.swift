import NoetherCore
import SINDy

/// A source library Φ along the data: its terms' values at every point with the noise's
/// bias removed, their gradients, and their time integrals along each trajectory.
///
/// With noise ε ~ N(0, σ²I) on the states, E φ(x + ε) = φ(x) + (σ²/2)Δφ(x) + O(σ⁴), so
/// φ̂ = φ(x̃) − (σ²/2)Δφ(x̃) is unbiased to that order (exactly for polynomials of degree
/// ≤ 3; ∫ p̃² dt would otherwise gain σ² per unit time, a ramp that biases a friction
/// coefficient by σ²/⟨p²⟩, 6 % at σ = 0.1 on the damped oscillator). Δφ by central
/// differences of the library's gradients. Iᵢ = Σₖ cᵢₖ φ̂ₖ (`CumulativeQuadrature`).
struct SourceIntegrals {
  let library: any FeatureLibrary
  let names: [String]
  /// q, the library's terms.
  let termCount: Int
  /// φ̂ at every point, row-major [points, q].
  let values: [Double]
  /// ∇φ at every point, row-major [points, q, n].
  let gradients: [Double]
  /// ∇²φ at every point, row-major [points, q, n, n].
  let hessians: [Double]
  /// I at every point (from its trajectory's first point), row-major [points, q].
  let integrals: [Double]
  /// The quadratures over the trajectories' sampling times (one per distinct grid).
  private let quadratures: [CumulativeQuadrature]
  /// Per trajectory, its quadrature's index in `quadratures`.
  private let quadratureIndex: [Int]

  init(_ data: PreparedData, library: any FeatureLibrary) {
    let n = data.dimension
    let q = library.featureCount(dimension: n)
    self.library = library
    names = library.featureNames(stateNames: data.stateNames)
    termCount = q
    var values = library.features(data.states)
    var hessians = [Double](repeating: 0, count: data.pointCount * q * n * n)
    for a in 0..<n {
      let (up, down, h) = NoiseCurvature.shifted(library, data.states, along: a, step: 1e-4)
      for i in 0..<data.pointCount {
        for l in 0..<q {
          for d in 0..<n {
            let k = (i * q + l) * n + d
            hessians[((i * q + l) * n + a) * n + d] = (up[k] - down[k]) / (2 * h[i])
          }
        }
      }
    }
    if data.isNoisy {
      let half = 0.5 * data.sigma * data.sigma
      for i in 0..<data.pointCount {
        for l in 0..<q {
          for a in 0..<n { values[i * q + l] -= half * hessians[((i * q + l) * n + a) * n + a] }
        }
      }
    }
    self.hessians = hessians
    self.values = values
    gradients = library.featureGradients(data.states)
    var grids = [[Double]: Int]()
    var quadratures = [CumulativeQuadrature]()
    let index = data.times.map { times in
      if let k = grids[times] { return k }
      grids[times] = quadratures.count
      quadratures.append(CumulativeQuadrature(times: times))
      return quadratures.count - 1
    }
    (self.quadratures, quadratureIndex) = (quadratures, index)
    let layout = data.layout
    integrals = (0..<layout.count).flatMap { t in
      quadratures[index[t]].integrate(
        Array(values[(layout.starts[t] * q)..<(layout.starts[t + 1] * q)]), columns: q)
    }
  }

  /// The quadrature over trajectory t's sampling times.
  func quadrature(of t: Int) -> CumulativeQuadrature { quadratures[quadratureIndex[t]] }

  /// s = Σₗ bₗ φ̂ₗ at every point.
  func sourceValues(_ b: [Double]) -> [Double] {
    DiscoveryAlgebra.values(of: b, theta: values, terms: termCount)
  }

  /// The noise's standard deviation in s at every point, to second order:
  /// (σ²‖∇s‖² + ½σ⁴‖∇²s‖²_F)^½ (the second term keeps it honest where ∇s vanishes, as
  /// −0.2 p² does at p = 0).
  func sourceNoise(_ b: [Double], sigma: Double) -> [Double] {
    let q = termCount
    let n = gradients.count / max(values.count, 1)
    return (0..<(values.count / q)).map { i in
      var gradient = 0.0
      for d in 0..<n {
        var g = 0.0
        for l in 0..<q where b[l] != 0 { g += b[l] * gradients[(i * q + l) * n + d] }
        gradient += g * g
      }
      var curvature = 0.0
      for e in 0..<(n * n) {
        var h = 0.0
        for l in 0..<q where b[l] != 0 { h += b[l] * hessians[(i * q + l) * n * n + e] }
        curvature += h * h
      }
      return (sigma * sigma * gradient + 0.5 * sigma * sigma * sigma * sigma * curvature).squareRoot()
    }
  }
}
