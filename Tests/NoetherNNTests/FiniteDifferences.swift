import NoetherCore
import NoetherNN
import _Differentiation

/// A random matrix with entries in [lower, upper).
func randomMatrix(
  _ rows: Int, _ columns: Int, _ g: inout SeededGenerator, _ lower: Double = -1, _ upper: Double = 1
)
  -> Matrix
{
  Matrix(rows: rows, columns: columns, scalars: (0..<(rows * columns)).map { _ in g.uniform(lower, upper) })
}

/// The central-difference gradient of f at x, step h.
func finiteDifferenceGradient(_ f: (Matrix) -> Double, at x: Matrix, step h: Double = 1e-6) -> Matrix {
  var out = x.zerosLike
  for i in 0..<x.scalars.count {
    var plus = x
    var minus = x
    plus.scalars[i] += h
    minus.scalars[i] -= h
    out.scalars[i] = (f(plus) - f(minus)) / (2 * h)
  }
  return out
}

/// ‖a − b‖ / max(‖b‖, tiny).
func relativeError(_ a: Matrix, _ b: Matrix) -> Double {
  precondition(a.scalars.count == b.scalars.count, "relativeError: sizes differ")
  var diff = 0.0
  var norm = 0.0
  for i in 0..<a.scalars.count {
    diff += (a.scalars[i] - b.scalars[i]) * (a.scalars[i] - b.scalars[i])
    norm += b.scalars[i] * b.scalars[i]
  }
  return (diff / max(norm, 1e-300)).squareRoot()
}

/// Compares compiler-AD's gradient of f with central differences.
func gradientError(_ f: @escaping @differentiable(reverse) (Matrix) -> Double, at x: Matrix) -> Double {
  let ad = gradient(at: x, of: f)
  let fd = finiteDifferenceGradient({ f($0) }, at: x)
  return relativeError(ad, fd)
}

/// A flat view of a model's parameters, for finite differences over all of them.
extension ParameterContainer {
  var flatParameters: Matrix {
    let all = parameters.flatMap(\.scalars)
    return Matrix(rows: 1, columns: all.count, scalars: all)
  }

  func withFlatParameters(_ flat: Matrix) -> Self {
    var copy = self
    var offset = 0
    copy.parameters = parameters.map { p in
      defer { offset += p.scalars.count }
      return Matrix(
        rows: p.rows, columns: p.columns, scalars: Array(flat.scalars[offset..<(offset + p.scalars.count)]))
    }
    return copy
  }
}

/// The gradient of a model loss from compiler AD against central differences over
/// every parameter.
func parameterGradientError(_ model: MLP, _ loss: @escaping @differentiable(reverse) (MLP) -> Double)
  -> Double
{
  let g = gradient(at: model, of: loss)
  // Symbolic zeros (0×0) stand for zero gradients of the parameter's shape.
  var grads = model.parameterGradients(of: g)
  if grads.isEmpty { grads = model.parameters.map { _ in .zero } }
  let ad = zip(grads, model.parameters).flatMap { $0.isSymbolicZero ? $1.zerosLike.scalars : $0.scalars }
  let fd = finiteDifferenceGradient({ loss(model.withFlatParameters($0)) }, at: model.flatParameters)
  return relativeError(Matrix(rows: 1, columns: ad.count, scalars: ad), fd)
}
