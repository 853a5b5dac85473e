import _Differentiation

/// A model whose parameters are a list of matrices, in a fixed order.
public protocol ParameterContainer {
  /// Every parameter matrix.
  var parameters: [Matrix] { get set }
}

/// A differentiable model that an optimiser can update.
public protocol Trainable: Differentiable, ParameterContainer {
  /// A gradient (tangent vector) as matrices in the order of `parameters`. An empty
  /// list, or 0×0 entries, stand for zeros.
  func parameterGradients(of gradient: TangentVector) -> [Matrix]
}
