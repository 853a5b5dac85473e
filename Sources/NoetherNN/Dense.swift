import NoetherCore
import _Differentiation

/// A fully connected layer y = x·W + b, with W of shape inputs × outputs and b a
/// 1 × outputs row broadcast over the batch.
public struct Dense: Differentiable, Sendable {
  /// W, inputs × outputs (the transpose of PyTorch's `weight`).
  public var weight: Matrix
  /// b, 1 × outputs.
  public var bias: Matrix

  public init(weight: Matrix, bias: Matrix) {
    precondition(bias.rows == 1 && bias.columns == weight.columns, "Dense: bias must be 1×\(weight.columns)")
    self.weight = weight
    self.bias = bias
  }

  /// PyTorch's default `nn.Linear` initialisation: every weight and bias drawn from
  /// U(−1/√inputs, 1/√inputs), here from the seeded generator (weights row by row,
  /// then biases).
  public init(inputs: Int, outputs: Int, generator: inout SeededGenerator) {
    let bound = 1 / Double(inputs).squareRoot()
    let w = (0..<(inputs * outputs)).map { _ in generator.uniform(-bound, bound) }
    let b = (0..<outputs).map { _ in generator.uniform(-bound, bound) }
    self.init(
      weight: Matrix(rows: inputs, columns: outputs, scalars: w),
      bias: Matrix(rows: 1, columns: outputs, scalars: b))
  }

  /// Number of inputs.
  public var inputCount: Int { weight.rows }
  /// Number of outputs.
  public var outputCount: Int { weight.columns }

  /// x·W + b for a batch x (rows are samples).
  @differentiable(reverse)
  public func callAsFunction(_ x: Matrix) -> Matrix {
    matmul(x, weight).addingRow(bias)
  }
}
