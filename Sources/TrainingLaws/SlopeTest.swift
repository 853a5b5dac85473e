import Foundation

/// The slope test: the drift of a quantity at a fixed training time T = Kη, against η.
/// A law of gradient flow drifts only through the finite step, Σₖ η² gᵀSg ≈ η ∫ gᵀSg dt,
/// so its drift is proportional to η (slope 1 on log–log axes); a quantity that is not a
/// law drifts along the flow itself and its drift tends to a constant (slope 0).
public struct SlopeTest: Sendable {
  /// The learning rates, descending.
  public let learningRates: [Double]
  /// The laws' drift ‖Q(θ_K) − Q(θ₀)‖₂ over all laws, per learning rate.
  public let lawDrifts: [Double]
  /// The drift of ‖W₁‖²_F (not a law), per learning rate.
  public let controlDrifts: [Double]
  /// η_max · λ_max(∇²L(θ₀)): how coarse the largest step is against the loss's curvature
  /// at the start (the drifts' slopes approach 1 and 0 as this tends to 0; the corrections
  /// are of this relative order).
  public let stiffness: Double
  /// The least-squares slope of log(law drift) against log η.
  public var lawSlope: Double { Self.slope(learningRates, lawDrifts) }
  /// The same for the control.
  public var controlSlope: Double { Self.slope(learningRates, controlDrifts) }

  /// Gradient descent from θ₀ for T/η steps at each η.
  public init(recorder: RunRecorder, from theta0: [Double], time: Double, learningRates: [Double]) throws {
    self.learningRates = learningRates
    let net = recorder.loss.architecture
    let firstLayer = net.weightOffset(layer: 0)..<net.weightOffset(layer: 1)
    func control(_ theta: [Double]) -> Double { firstLayer.reduce(0) { $0 + theta[$1] * theta[$1] } }
    var laws: [Double] = []
    var controls: [Double] = []
    for eta in learningRates {
      let steps = Int((time / eta).rounded())
      let run = try recorder.run(.gradientDescent, learningRate: eta, steps: steps, from: theta0)
      let first = run.lawValues[0]
      let last = run.lawValues[run.steps]
      laws.append(zip(first, last).reduce(0) { $0 + ($1.1 - $1.0) * ($1.1 - $1.0) }.squareRoot())
      controls.append(abs(control(run.parameters[run.steps]) - control(theta0)))
    }
    lawDrifts = laws
    controlDrifts = controls
    stiffness = (learningRates.max() ?? 0) * Self.largestCurvature(recorder.loss, at: theta0)
  }

  /// λ_max of the Hessian at θ, by central differences of the gradient (step 1e-5).
  static func largestCurvature(_ loss: NetworkLoss, at theta: [Double]) -> Double {
    let d = theta.count
    let h = 1e-5
    var hessian = [Double](repeating: 0, count: d * d)
    for a in 0..<d {
      var plus = theta
      var minus = theta
      plus[a] += h
      minus[a] -= h
      let gp = loss.valueAndGradient(plus).gradient
      let gm = loss.valueAndGradient(minus).gradient
      for b in 0..<d { hessian[b * d + a] = (gp[b] - gm[b]) / (2 * h) }
    }
    let symmetric = (0..<(d * d)).map { 0.5 * (hessian[$0] + hessian[($0 % d) * d + $0 / d]) }
    return DenseAlgebra.symmetricEigen(symmetric, size: d).values.last ?? 0
  }

  /// The least-squares slope of log y against log x.
  static func slope(_ x: [Double], _ y: [Double]) -> Double {
    let lx = x.map { log($0) }
    let ly = y.map { log($0) }
    let mx = lx.reduce(0, +) / Double(lx.count)
    let my = ly.reduce(0, +) / Double(ly.count)
    let sxy = zip(lx, ly).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let sxx = lx.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    return sxy / sxx
  }
}
