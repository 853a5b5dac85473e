import Foundation

/// The numbers a field is evaluated in: `Double`, or a dual number over one, so that one
/// generic evaluation gives a value, its directional derivative, or (nested) the
/// derivatives a Lie bracket of brackets needs, exactly up to round-off.
public protocol FieldScalar: Sendable {
  init(_ value: Double)
  /// The real part (the value with every derivative dropped).
  var real: Double { get }
  static func + (a: Self, b: Self) -> Self
  static func - (a: Self, b: Self) -> Self
  static func * (a: Self, b: Self) -> Self
  static func / (a: Self, b: Self) -> Self
  static prefix func - (a: Self) -> Self
  /// eˣ.
  static func exponential(_ a: Self) -> Self
  /// log(1 + x).
  static func logOnePlus(_ a: Self) -> Self
}

extension Double: FieldScalar {
  public var real: Double { self }
  public static func exponential(_ a: Double) -> Double { exp(a) }
  public static func logOnePlus(_ a: Double) -> Double { log1p(a) }
}

/// a + b ε with ε² = 0: the derivative of every operation carried beside its value.
public struct Dual<Base: FieldScalar>: FieldScalar {
  /// a.
  public var value: Base
  /// b.
  public var derivative: Base

  public init(value: Base, derivative: Base) {
    self.value = value
    self.derivative = derivative
  }

  public init(_ value: Double) { self.init(value: Base(value), derivative: Base(0)) }

  public var real: Double { value.real }

  public static func + (a: Self, b: Self) -> Self {
    Self(value: a.value + b.value, derivative: a.derivative + b.derivative)
  }
  public static func - (a: Self, b: Self) -> Self {
    Self(value: a.value - b.value, derivative: a.derivative - b.derivative)
  }
  public static func * (a: Self, b: Self) -> Self {
    Self(value: a.value * b.value, derivative: a.derivative * b.value + a.value * b.derivative)
  }
  public static func / (a: Self, b: Self) -> Self {
    let q = a.value / b.value
    return Self(value: q, derivative: (a.derivative - q * b.derivative) / b.value)
  }
  public static prefix func - (a: Self) -> Self { Self(value: -a.value, derivative: -a.derivative) }
  public static func exponential(_ a: Self) -> Self {
    let e = Base.exponential(a.value)
    return Self(value: e, derivative: e * a.derivative)
  }
  public static func logOnePlus(_ a: Self) -> Self {
    Self(value: Base.logOnePlus(a.value), derivative: a.derivative / (Base(1) + a.value))
  }
}
