import _Differentiation

/// The batched input-gradient ∇ₓH of a scalar MLP, as one primitive with its own
/// derivative with respect to the parameters ("double backpropagation" written out),
/// because Swift cannot differentiate a gradient.
///
/// With a₀ = x, zₗ = aₗ₋₁Wₗ + bₗ, aₗ = σ(zₗ) (l < L), H = z_L, the input gradient is
/// the backward pass u_L = 1, vₗ₋₁ = uₗWₗᵀ, uₗ = vₗ ⊙ σ′(zₗ), ∇ₓH = v₀. Its pullback
/// for a cotangent V̄₀ runs that pass in reverse (W̄ₗ += v̄ₗ₋₁ᵀuₗ, ūₗ = v̄ₗ₋₁Wₗ,
/// v̄ₗ = ūₗ ⊙ σ′(zₗ), z̄ₗ = ūₗ ⊙ vₗ ⊙ σ″(zₗ)) and then backpropagates the z̄ₗ through
/// the forward pass (W̄ₗ += aₗ₋₁ᵀz̄ₗ, b̄ₗ += Σ z̄ₗ).
extension MLP {
  /// ∇ₓH(x) for each row of x, with H this network's single output.
  /// - Returns: N × inputs.
  /// - Precondition: `outputCount == 1`.
  @differentiable(reverse, wrt: self)
  public func inputGradient(at x: Matrix) -> Matrix {
    InputGradientTape(self, x).gradient
  }

  @derivative(of: inputGradient, wrt: self)
  @usableFromInline
  func _vjpInputGradient(at x: Matrix) -> (value: Matrix, pullback: (Matrix) -> TangentVector) {
    let tape = InputGradientTape(self, x)
    return (tape.gradient, { cotangent in tape.pullback(cotangent) })
  }

  /// H(x) and ∇ₓH(x) together (one forward and one backward pass; not differentiable).
  public func valueAndInputGradient(at x: Matrix) -> (value: Matrix, gradient: Matrix) {
    let tape = InputGradientTape(self, x)
    return (tape.output, tape.gradient)
  }
}

/// The forward and backward passes of ∇ₓH, kept for the pullback.
struct InputGradientTape {
  let model: MLP
  let input: Matrix
  /// aₗ for l = 0 … L−1 (a₀ = x).
  var activations: [Matrix] = []
  /// σ′(zₗ) for l = 1 … L−1 (index l − 1).
  var firstDerivatives: [Matrix] = []
  /// σ″(zₗ) for l = 1 … L−1 (index l − 1).
  var secondDerivatives: [Matrix] = []
  /// uₗ for l = 1 … L (index l − 1).
  var u: [Matrix] = []
  /// vₗ for l = 0 … L−1.
  var v: [Matrix] = []
  var output = Matrix.zero

  init(_ model: MLP, _ x: Matrix) {
    precondition(model.outputCount == 1, "inputGradient needs a scalar network, this one has \(model.outputCount) outputs")
    precondition(x.columns == model.inputCount, "inputGradient: x has \(x.columns) columns, the network \(model.inputCount) inputs")
    self.model = model
    self.input = x
    let layers = model.layers
    let depth = layers.count
    activations = [x]
    for l in 0..<(depth - 1) {
      let z = layers[l](activations[l])
      var a = Matrix.zero
      var d1 = Matrix.zero
      var d2 = Matrix.zero
      Self.activate(z, model.activation, &a, &d1, &d2)
      activations.append(a)
      firstDerivatives.append(d1)
      secondDerivatives.append(d2)
    }
    output = layers[depth - 1](activations[depth - 1])
    // Backward pass with seed 1: u_L = 1, v_{L−1} = W_Lᵀ broadcast over rows.
    let n = x.rows
    u = Array(repeating: .zero, count: depth)
    v = Array(repeating: .zero, count: depth)
    u[depth - 1] = Matrix(rows: n, columns: 1, repeating: 1)
    v[depth - 1] = Matrix(rows: 1, columns: layers[depth - 1].inputCount, scalars: layers[depth - 1].weight.scalars)
      .repeatingRows(n)
    for l in stride(from: depth - 1, through: 1, by: -1) {
      u[l - 1] = v[l] * firstDerivatives[l - 1]
      v[l - 1] = gemm(u[l - 1], transposeA: false, layers[l - 1].weight, transposeB: true)
    }
  }

  /// ∇ₓH = v₀.
  var gradient: Matrix { v[0] }

  /// σ(z), σ′(z), σ″(z) in one pass.
  static func activate(_ z: Matrix, _ activation: Activation, _ a: inout Matrix, _ d1: inout Matrix, _ d2: inout Matrix) {
    switch activation {
    case .tanh:
      a = z.tanh()
      let y = a
      d1 = Matrix(rows: z.rows, columns: z.columns) { out in
        y.scalars.withUnsafeBufferPointer { t in for i in 0..<t.count { out[i] = 1 - t[i] * t[i] } }
      }
      let s = d1
      d2 = Matrix(rows: z.rows, columns: z.columns) { out in
        y.scalars.withUnsafeBufferPointer { t in
          s.scalars.withUnsafeBufferPointer { p in for i in 0..<t.count { out[i] = -2 * t[i] * p[i] } }
        }
      }
    case .relu:
      a = z.relu()
      d1 = z.reluDerivative()
      d2 = Matrix(rows: z.rows, columns: z.columns)
    }
  }

  /// The parameter cotangent for a cotangent of ∇ₓH.
  func pullback(_ cotangent: Matrix) -> MLP.TangentVector {
    let layers = model.layers
    let depth = layers.count
    guard !cotangent.isSymbolicZero else { return .zero }
    var weightBars = layers.map { $0.weight.zerosLike }
    var biasBars = layers.map { $0.bias.zerosLike }
    var zBars = [Matrix](repeating: .zero, count: depth)  // direct z̄ₗ, index l − 1
    // Reverse of the backward pass, l = 1 … L.
    var vBar = cotangent
    for l in 1...depth {
      // v_{l−1} = u_l W_lᵀ
      weightBars[l - 1] = weightBars[l - 1] + gemm(vBar, transposeA: true, u[l - 1], transposeB: false)
      if l == depth { break }
      let uBar = gemm(vBar, transposeA: false, layers[l - 1].weight, transposeB: false)
      // u_l = v_l ⊙ σ′(z_l)
      let d1 = firstDerivatives[l - 1]
      let d2 = secondDerivatives[l - 1]
      let vl = v[l]
      var nextVBar = Matrix(rows: uBar.rows, columns: uBar.columns)
      var zBar = Matrix(rows: uBar.rows, columns: uBar.columns)
      uBar.scalars.withUnsafeBufferPointer { ub in
        d1.scalars.withUnsafeBufferPointer { p1 in
          d2.scalars.withUnsafeBufferPointer { p2 in
            vl.scalars.withUnsafeBufferPointer { pv in
              nextVBar.scalars.withUnsafeMutableBufferPointer { nv in
                zBar.scalars.withUnsafeMutableBufferPointer { zb in
                  for i in 0..<ub.count {
                    nv[i] = ub[i] * p1[i]
                    zb[i] = ub[i] * pv[i] * p2[i]
                  }
                }
              }
            }
          }
        }
      }
      zBars[l - 1] = zBar
      vBar = nextVBar
    }
    // Backpropagate the z̄ through the forward pass, l = L−1 … 1.
    var carried = Matrix.zero
    for l in stride(from: depth - 1, through: 1, by: -1) {
      var total = zBars[l - 1]
      if !carried.isSymbolicZero {
        total = total + gemm(carried, transposeA: false, layers[l].weight, transposeB: true) * firstDerivatives[l - 1]
      }
      weightBars[l - 1] = weightBars[l - 1] + gemm(activations[l - 1], transposeA: true, total, transposeB: false)
      biasBars[l - 1] = biasBars[l - 1] + total.columnSums()
      carried = total
    }
    let tangents = zip(weightBars, biasBars).map { Dense.TangentVector(weight: $0, bias: $1) }
    return MLP.TangentVector(layers: Array<Dense.TangentVector>.DifferentiableView(tangents))
  }
}
