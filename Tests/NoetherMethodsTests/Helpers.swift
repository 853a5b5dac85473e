import Foundation
import NoetherCore
import NoetherNN
import NoetherSystems
import _Differentiation

func randomMatrix(_ rows: Int, _ columns: Int, _ g: inout SeededGenerator) -> Matrix {
  Matrix(rows: rows, columns: columns, scalars: (0..<(rows * columns)).map { _ in g.uniform(-1, 1) })
}

/// ‖a − b‖ / ‖b‖ over flat arrays.
func relativeError(_ a: [Double], _ b: [Double]) -> Double {
  var diff = 0.0
  var norm = 0.0
  for (x, y) in zip(a, b) {
    diff += (x - y) * (x - y)
    norm += y * y
  }
  return (diff / max(norm, 1e-300)).squareRoot()
}

/// Central differences of f at x.
func finiteDifferenceGradient(_ f: (Matrix) -> Double, at x: Matrix, step h: Double = 1e-6) -> [Double] {
  (0..<x.scalars.count).map { i in
    var plus = x
    var minus = x
    plus.scalars[i] += h
    minus.scalars[i] -= h
    return (f(plus) - f(minus)) / (2 * h)
  }
}

/// Small reference data for a system: `trajectories` trajectories of `points` points.
func smallData(
  _ system: some DynamicalSystem, trajectories: Int, points: Int? = nil, noise: Double = 0,
  seed: UInt64 = 2023
)
  throws -> TrajectorySet
{
  var settings = system.referenceProtocol.resized(trajectories: trajectories)
  if let points { settings.pointCount = points }
  settings.noise = noise
  settings.seed = seed
  return try DatasetGenerator().generate(system, protocol: settings).trajectories
}

func temporaryPath(_ name: String) -> String {
  let dir = NSTemporaryDirectory() + "noether-methods-\(UUID().uuidString)"
  try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  return dir + "/" + name
}

/// The gradient of a loss over every parameter of `model` from compiler AD, against
/// central differences (0×0 symbolic zeros count as zeros).
func parameterGradientError<Model: Trainable>(
  _ model: Model, _ loss: @escaping @differentiable(reverse) (Model) -> Double
) -> Double {
  let grads = model.parameterGradients(of: gradient(at: model, of: loss))
  let ad = zip(grads, model.parameters).flatMap { $0.isSymbolicZero ? $1.zerosLike.scalars : $0.scalars }
  let flat = Matrix(rows: 1, columns: ad.count, scalars: model.parameters.flatMap(\.scalars))
  let fd = finiteDifferenceGradient(
    { p in
      var copy = model
      var offset = 0
      copy.parameters = model.parameters.map { m in
        defer { offset += m.scalars.count }
        return Matrix(
          rows: m.rows, columns: m.columns, scalars: Array(p.scalars[offset..<(offset + m.scalars.count)]))
      }
      return loss(copy)
    }, at: flat)
  return relativeError(ad, fd)
}
