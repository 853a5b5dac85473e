/// A vector field on ℝᴰ that can be evaluated in any `FieldScalar`, so that its
/// derivatives, and its Lie brackets with others to any depth, are exact (forward-mode
/// dual numbers) rather than finite differences.
public protocol AnalyticField: Sendable {
  /// D.
  var dimension: Int { get }
  /// The field at x.
  func value<T: FieldScalar>(at x: [T]) -> [T]
}

/// DF(x)·v: the derivative of `field` at x along v.
func directionalDerivative<T: FieldScalar>(_ field: any AnalyticField, at x: [T], along v: [T]) -> [T] {
  field.value(at: zip(x, v).map { Dual(value: $0, derivative: $1) }).map(\.derivative)
}

/// [X, Y](x) = DY(x)·X(x) − DX(x)·Y(x).
public struct LieBracket: AnalyticField {
  /// X.
  public let first: any AnalyticField
  /// Y.
  public let second: any AnalyticField

  public init(_ first: any AnalyticField, _ second: any AnalyticField) {
    self.first = first
    self.second = second
  }

  public var dimension: Int { first.dimension }

  public func value<T: FieldScalar>(at x: [T]) -> [T] {
    let dy = directionalDerivative(second, at: x, along: first.value(at: x))
    let dx = directionalDerivative(first, at: x, along: second.value(at: x))
    return zip(dy, dx).map { $0 - $1 }
  }
}

/// A scalar function of θ that can be evaluated in any `FieldScalar` (a training loss).
public protocol AnalyticLoss: Sendable {
  /// D.
  var dimension: Int { get }
  /// L(θ).
  func value<T: FieldScalar>(at theta: [T]) -> T
}

/// θ ↦ −∇L(θ), by one forward derivative per coordinate.
public struct NegativeGradient: AnalyticField {
  /// L.
  public let loss: any AnalyticLoss

  public init(_ loss: any AnalyticLoss) { self.loss = loss }

  public var dimension: Int { loss.dimension }

  public func value<T: FieldScalar>(at x: [T]) -> [T] {
    (0..<x.count).map { a in
      let shifted = x.indices.map { Dual(value: x[$0], derivative: T($0 == a ? 1 : 0)) }
      return -loss.value(at: shifted).derivative
    }
  }
}
