#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A forward-mode dual number v + t·ε (ε² = 0): arithmetic and the elementary functions on
/// it carry the derivative along, exactly to round-off. A formula written for one state
/// with `Dual`s (`x[1] * x[1] / 2 - cos(x[0])`) gives its value and, seeded with a unit
/// tangent in component j, its partial derivative ∂/∂xⱼ (`gradient(of:at:)`). Numbers mix
/// in as constants (`2 * x[0]`, `x[1] / 2`).
public struct Dual: Sendable, Equatable {
  /// The value.
  public var value: Double
  /// The derivative along the seeded direction.
  public var tangent: Double

  public init(_ value: Double, tangent: Double = 0) {
    self.value = value
    self.tangent = tangent
  }

  /// f(x) with the gradient ∇f(x), by n evaluations of f seeded with unit tangents.
  public static func gradient(of f: ([Dual]) -> Dual, at x: [Double]) -> (value: Double, gradient: [Double]) {
    var gradient = [Double](repeating: 0, count: x.count)
    var value = f(x.map { Dual($0) }).value
    for j in x.indices {
      let seeded = f(x.indices.map { Dual(x[$0], tangent: $0 == j ? 1 : 0) })
      (value, gradient[j]) = (seeded.value, seeded.tangent)
    }
    return (value, gradient)
  }

  public static func + (a: Dual, b: Dual) -> Dual { Dual(a.value + b.value, tangent: a.tangent + b.tangent) }
  public static func - (a: Dual, b: Dual) -> Dual { Dual(a.value - b.value, tangent: a.tangent - b.tangent) }
  public static func * (a: Dual, b: Dual) -> Dual {
    Dual(a.value * b.value, tangent: a.tangent * b.value + a.value * b.tangent)
  }
  public static func / (a: Dual, b: Dual) -> Dual {
    Dual(a.value / b.value, tangent: (a.tangent * b.value - a.value * b.tangent) / (b.value * b.value))
  }
  public static prefix func - (a: Dual) -> Dual { Dual(-a.value, tangent: -a.tangent) }

  public static func + (a: Dual, b: Double) -> Dual { a + Dual(b) }
  public static func + (a: Double, b: Dual) -> Dual { Dual(a) + b }
  public static func - (a: Dual, b: Double) -> Dual { a - Dual(b) }
  public static func - (a: Double, b: Dual) -> Dual { Dual(a) - b }
  public static func * (a: Dual, b: Double) -> Dual { Dual(a.value * b, tangent: a.tangent * b) }
  public static func * (a: Double, b: Dual) -> Dual { Dual(a * b.value, tangent: a * b.tangent) }
  public static func / (a: Dual, b: Double) -> Dual { Dual(a.value / b, tangent: a.tangent / b) }
  public static func / (a: Double, b: Dual) -> Dual { Dual(a) / b }
}

/// sin, cos, tan, exp, log, sqrt and powers of a `Dual`, with their derivatives.
public func sin(_ x: Dual) -> Dual { Dual(sin(x.value), tangent: cos(x.value) * x.tangent) }
public func cos(_ x: Dual) -> Dual { Dual(cos(x.value), tangent: -sin(x.value) * x.tangent) }
public func tan(_ x: Dual) -> Dual {
  let c = cos(x.value)
  return Dual(tan(x.value), tangent: x.tangent / (c * c))
}
public func exp(_ x: Dual) -> Dual {
  let e = exp(x.value)
  return Dual(e, tangent: e * x.tangent)
}
public func log(_ x: Dual) -> Dual { Dual(log(x.value), tangent: x.tangent / x.value) }
public func sqrt(_ x: Dual) -> Dual {
  let s = x.value.squareRoot()
  return Dual(s, tangent: x.tangent / (2 * s))
}
public func pow(_ x: Dual, _ p: Double) -> Dual {
  Dual(pow(x.value, p), tangent: p * pow(x.value, p - 1) * x.tangent)
}
