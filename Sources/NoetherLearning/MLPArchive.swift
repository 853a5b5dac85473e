import NoetherCore
import NoetherNN

extension MLP {
  /// The network's arrays under `prefix` (`prefix/0/weight`, `prefix/0/bias`, …) and
  /// its settings (`prefix/sizes`, `prefix/activation`).
  public func archived(as prefix: String) -> (
    settings: [String: String], arrays: [String: ModelArchive.NamedArray]
  ) {
    var arrays = [String: ModelArchive.NamedArray]()
    for (k, layer) in layers.enumerated() {
      arrays["\(prefix)/\(k)/weight"] = .init(
        shape: [layer.weight.rows, layer.weight.columns], values: layer.weight.scalars)
      arrays["\(prefix)/\(k)/bias"] = .init(shape: [layer.bias.columns], values: layer.bias.scalars)
    }
    let settings = [
      "\(prefix)/sizes": sizes.map(String.init).joined(separator: ","),
      "\(prefix)/activation": activation.rawValue,
    ]
    return (settings, arrays)
  }

  /// Rebuilds the network stored under `prefix`.
  /// - Throws: `NoetherError.invalidParameter` when arrays are missing or misshapen.
  public init(archive: ModelArchive, prefix: String) throws {
    let sizes = try archive.setting("\(prefix)/sizes").split(separator: ",").compactMap { Int($0) }
    guard sizes.count >= 2, let activation = Activation(rawValue: try archive.setting("\(prefix)/activation"))
    else {
      throw NoetherError.invalidParameter(
        name: "model archive", value: prefix, requirement: "needs valid sizes and activation")
    }
    var layers = [Dense]()
    for k in 0..<(sizes.count - 1) {
      let w = try archive.array("\(prefix)/\(k)/weight")
      let b = try archive.array("\(prefix)/\(k)/bias")
      guard w.shape == [sizes[k], sizes[k + 1]], w.values.count == sizes[k] * sizes[k + 1],
        b.values.count == sizes[k + 1]
      else {
        throw NoetherError.invalidParameter(
          name: "model archive", value: "\(prefix)/\(k)",
          requirement: "weights must be \(sizes[k])×\(sizes[k + 1])")
      }
      layers.append(
        Dense(
          weight: Matrix(rows: sizes[k], columns: sizes[k + 1], scalars: w.values),
          bias: Matrix(rows: 1, columns: sizes[k + 1], scalars: b.values)))
    }
    self.init(layers: layers, activation: activation)
  }
}
