/// A learned model as data: its method, the settings it was trained with, and its
/// parameters as named arrays. Files hold arrays plus this small header; each method
/// rebuilds its structure from code (`init(archive:)`).
public struct ModelArchive: Sendable, Equatable {
  /// A named array with its shape (row-major values).
  public struct NamedArray: Sendable, Equatable {
    public var shape: [Int]
    public var values: [Double]
    public init(shape: [Int], values: [Double]) {
      self.shape = shape
      self.values = values
    }
  }

  /// The method (`baseline`, `concernet`, …).
  public var method: String
  /// Hyperparameters and settings, as text (`"hidden": "100,100"`, `"activation": "tanh"`).
  public var settings: [String: String]
  /// Parameters by name (`h/0/weight`, `g/1/bias`, `coefficients`, …).
  public var arrays: [String: NamedArray]

  public init(method: String, settings: [String: String] = [:], arrays: [String: NamedArray] = [:]) {
    self.method = method
    self.settings = settings
    self.arrays = arrays
  }

  /// The array `name`.
  /// - Throws: `NoetherError.invalidParameter` naming the missing array.
  public func array(_ name: String) throws -> NamedArray {
    guard let a = arrays[name] else {
      throw NoetherError.invalidParameter(
        name: "model archive", value: "'\(method)'", requirement: "needs array '\(name)', which is missing")
    }
    return a
  }

  /// The setting `name`.
  /// - Throws: `NoetherError.invalidParameter` naming the missing setting.
  public func setting(_ name: String) throws -> String {
    guard let s = settings[name] else {
      throw NoetherError.invalidParameter(
        name: "model archive", value: "'\(method)'", requirement: "needs setting '\(name)', which is missing")
    }
    return s
  }
}
