import Foundation
import NoetherCore

/// A tensorizable model trained on one sample and its orbit under a group (augmentation):
/// L(θ) = Σ_g ℓ(f(θ, g x), y). Its negative gradient, over many samples, spans the
/// family of fields whose laws the data-symmetry experiment counts.
public struct AugmentedLoss: AnalyticLoss {
  /// The model.
  public enum Model: String, Sendable, CaseIterable {
    /// f = wᵀx, θ = w.
    case neuron
    /// f = V W x with W r × n and V m × r, θ = (W, V) row-major: a two-layer linear network.
    case linear
  }

  /// f.
  public let model: Model
  /// n.
  public let inputWidth: Int
  /// r (the linear network's hidden width; unused by the neuron).
  public let hiddenWidth: Int
  /// m (1 for the neuron).
  public var outputWidth: Int { targets.count }
  /// The orbit's inputs g x, one per group element.
  public let orbit: [[Double]]
  /// y, one per output (the same for the whole orbit: invariant labels).
  public let targets: [Double]
  /// ℓ: MSE ½(f − y)² or logistic log(1 + e^{−yf}).
  public let loss: TrainingLoss

  public init(
    model: Model, inputWidth: Int, hiddenWidth: Int, orbit: [[Double]], targets: [Double], loss: TrainingLoss
  ) {
    self.model = model
    self.inputWidth = inputWidth
    self.hiddenWidth = hiddenWidth
    self.orbit = orbit
    self.targets = targets
    self.loss = loss
  }

  /// D: n for the neuron, r n + m r for the network.
  public var dimension: Int { model == .neuron ? inputWidth : hiddenWidth * (inputWidth + outputWidth) }

  public func value<T: FieldScalar>(at theta: [T]) -> T {
    let n = inputWidth
    var total = T(0)
    for x in orbit {
      var outputs: [T] = []
      switch model {
      case .neuron:
        var f = T(0)
        for k in 0..<n { f = f + theta[k] * T(x[k]) }
        outputs = [f]
      case .linear:
        let hidden = (0..<hiddenWidth).map { j in
          (0..<n).reduce(T(0)) { $0 + theta[j * n + $1] * T(x[$1]) }
        }
        let start = hiddenWidth * n
        outputs = (0..<outputWidth).map { i in
          (0..<hiddenWidth).reduce(T(0)) { $0 + theta[start + i * hiddenWidth + $1] * hidden[$1] }
        }
      }
      for (f, y) in zip(outputs, targets) {
        switch loss {
        case .mse:
          let r = f - T(y)
          total = total + T(0.5) * r * r
        case .logistic:
          total = total + T.logOnePlus(T.exponential(-(T(y) * f)))
        }
      }
    }
    return total
  }
}

/// A finite group acting on the inputs by matrices (the augmentation).
public enum InputGroup: String, Sendable, CaseIterable {
  /// The identity only: no augmentation.
  case none
  /// The six permutations of three coordinates (S₃).
  case permutations
  /// x₂ ↦ −x₂ (a reflection of the plane, Z₂).
  case reflection
  /// The four quarter turns of the plane (C₄): a finite rotation group, whose orbits have
  /// isotropic second moments but not isotropic higher ones.
  case quarterTurns = "quarter-turns"
  /// 64 rotations of the plane: the trapezoid rule on a circle, exact to round-off for the
  /// analytic averages here, so it stands for every rotation (SO(2)).
  case rotations

  /// The orbit {g x}.
  public func orbit(of x: [Double]) -> [[Double]] {
    switch self {
    case .none: return [x]
    case .permutations:
      return [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]].map { p in p.map { x[$0] } }
    case .reflection: return [x, [x[0], -x[1]]]
    case .quarterTurns: return [x, [-x[1], x[0]], [-x[0], -x[1]], [x[1], -x[0]]]
    case .rotations:
      return (0..<64).map { k in
        let a = 2 * Double.pi * Double(k) / 64
        return [cos(a) * x[0] - sin(a) * x[1], sin(a) * x[0] + cos(a) * x[1]]
      }
    }
  }
}
