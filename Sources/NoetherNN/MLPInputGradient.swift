import CKernels
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
  @differentiable(reverse,wrt: self)
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

/// The forward and backward passes of ∇ₓH over a batch, kept for the pullback.
///
/// The batch is processed in blocks of rows small enough that every intermediate
/// of a block stays in the processor's cache; per block only the activations aₗ are
/// kept, and the pullback recomputes σ′ (from aₗ) and the backward pass from them.
struct InputGradientTape {
  /// Rows per block: 128 rows of 100 hidden units is 100 KB per intermediate.
  static let blockRows = 128

  let model: MLP
  var blocks: [InputGradientBlock] = []
  /// ∇ₓH for the whole batch.
  var gradient = Matrix.zero
  /// H for the whole batch.
  var output = Matrix.zero

  init(_ model: MLP, _ x: Matrix) {
    precondition(
      model.outputCount == 1,
      "inputGradient needs a scalar network, this one has \(model.outputCount) outputs")
    precondition(
      x.columns == model.inputCount,
      "inputGradient: x has \(x.columns) columns, the network \(model.inputCount) inputs")
    self.model = model
    let n = x.rows
    var gradients = [Double]()
    var outputs = [Double]()
    gradients.reserveCapacity(n * x.columns)
    outputs.reserveCapacity(n)
    for start in stride(from: 0, to: n, by: Self.blockRows) {
      let rows = x.rows(start..<min(start + Self.blockRows, n))
      let block = InputGradientBlock(model, rows, keepsBackwardPass: n <= 4 * Self.blockRows)
      gradients.append(contentsOf: block.gradient.scalars)
      outputs.append(contentsOf: block.output.scalars)
      blocks.append(block)
    }
    gradient = Matrix(rows: n, columns: x.columns, scalars: gradients)
    output = Matrix(rows: n, columns: 1, scalars: outputs)
  }

  /// The parameter cotangent for a cotangent of ∇ₓH, summed over the blocks.
  func pullback(_ cotangent: Matrix) -> MLP.TangentVector {
    guard !cotangent.isSymbolicZero else { return .zero }
    var weights = model.layers.map { $0.weight.zerosLike }
    var biases = model.layers.map { $0.bias.zerosLike }
    var start = 0
    for block in blocks {
      let rows = block.activations[0].rows
      let (w, b) = block.pullback(cotangent.rows(start..<(start + rows)))
      for l in weights.indices {
        weights[l].move(by: w[l])
        biases[l].move(by: b[l])
      }
      start += rows
    }
    let tangents = zip(weights, biases).map { Dense.TangentVector(weight: $0, bias: $1) }
    return MLP.TangentVector(layers: Array<Dense.TangentVector>.DifferentiableView(tangents))
  }
}

/// ∇ₓH for one block of rows.
///
/// For a scalar output, v_{L−1} = u_L W_Lᵀ is the row W_Lᵀ broadcast over the rows:
/// it is never materialised. σ′ and σ″ come from the activations (tanh: σ′ = 1 − a²,
/// σ″ = −2aσ′; ReLU: σ′ = 1[a > 0], σ″ = 0).
struct InputGradientBlock {
  let model: MLP
  /// aₗ for l = 0 … L−1 (a₀ = the rows of x).
  var activations: [Matrix] = []
  var gradient = Matrix.zero
  var output = Matrix.zero
  /// σ′ and the backward pass, kept for small batches (which stay in cache anyway);
  /// recomputed in the pullback for large ones.
  var kept: (d1: [Matrix], u: [Matrix], v: [Matrix])?

  init(_ model: MLP, _ x: Matrix, keepsBackwardPass: Bool = false) {
    self.model = model
    let layers = model.layers
    let depth = layers.count
    activations = [x]
    var firstDerivatives = [Matrix]()
    for l in 0..<(depth - 1) {
      let z = FusedKernels.affine(activations[l], layers[l].weight, layers[l].bias)
      let (a, d1) = FusedKernels.activate(z, model.activation)
      activations.append(a)
      firstDerivatives.append(d1)
    }
    output = FusedKernels.affine(activations[depth - 1], layers[depth - 1].weight, layers[depth - 1].bias)
    let pass = backwardPass(firstDerivatives, withGradient: true)
    gradient = pass.gradient
    if keepsBackwardPass { kept = (firstDerivatives, pass.u, pass.v) }
  }

  /// W_Lᵀ as a 1 × h_{L−1} row.
  var outputRow: Matrix {
    let last = model.layers[model.layers.count - 1]
    return Matrix(rows: 1, columns: last.inputCount, scalars: last.weight.scalars)
  }

  /// σ′(zₗ) for l = 1 … L−1, from the activations.
  func firstDerivatives() -> [Matrix] {
    activations.dropFirst().map { a in
      switch model.activation {
      case .tanh:
        return Matrix(rows: a.rows, columns: a.columns) { out in
          a.scalars.withUnsafeBufferPointer {
            noether_one_minus_square($0.baseAddress, out.baseAddress, $0.count)
          }
        }
      case .relu: return a.map { $0 > 0 ? 1 : 0 }
      }
    }
  }

  /// The backward pass with seed 1: uₗ (l = 1 … L−1), vₗ (l = 1 … L−2) and ∇ₓH = v₀.
  func backwardPass(_ d1: [Matrix], withGradient: Bool) -> (u: [Matrix], v: [Matrix], gradient: Matrix) {
    let layers = model.layers
    let depth = layers.count
    guard depth > 1 else { return ([], [], outputRow.repeatingRows(activations[0].rows)) }
    var u = [Matrix](repeating: .zero, count: depth - 1)
    var v = [Matrix](repeating: .zero, count: depth - 1)
    u[depth - 2] = FusedKernels.multiply(nil, row: outputRow, d1[depth - 2])
    for l in stride(from: depth - 2, through: 1, by: -1) {
      v[l - 1] = FusedKernels.timesTransposed(u[l], layers[l].weight)
      u[l - 1] = FusedKernels.multiply(v[l - 1], row: nil, d1[l - 1])
    }
    return (u, v, withGradient ? FusedKernels.timesTransposed(u[0], layers[0].weight) : .zero)
  }

  /// Weight and bias cotangents of this block for a cotangent of its ∇ₓH.
  func pullback(_ cotangent: Matrix) -> (weights: [Matrix], biases: [Matrix]) {
    let layers = model.layers
    let depth = layers.count
    var weightBars = layers.map { _ in Matrix.zero }
    var biasBars = layers.map { _ in Matrix.zero }
    if depth == 1 {
      weightBars[0] = Matrix(
        rows: layers[0].inputCount, columns: 1, scalars: FusedKernels.columnSums(cotangent).scalars)
      return (weightBars, biasBars)
    }
    let d1: [Matrix]
    let u: [Matrix]
    let v: [Matrix]
    if let kept {
      (d1, u, v) = kept
    } else {
      d1 = firstDerivatives()
      (u, v, _) = backwardPass(d1, withGradient: false)
    }
    let row = outputRow
    var zBars = [Matrix](repeating: .zero, count: depth - 1)  // direct z̄ₗ, index l − 1
    // Reverse of the backward pass, l = 1 … L.
    var vBar = cotangent
    for l in 1...depth {
      if l == depth {
        // v_{L−1} = u_L W_Lᵀ with u_L = 1: W̄_L = column sums of v̄_{L−1}, as a column.
        weightBars[l - 1] = Matrix(
          rows: layers[l - 1].inputCount, columns: 1, scalars: FusedKernels.columnSums(vBar).scalars)
        break
      }
      // v_{l−1} = u_l W_lᵀ
      weightBars[l - 1] = FusedKernels.transposedTimes(vBar, u[l - 1])
      let uBar = FusedKernels.affine(vBar, layers[l - 1].weight, nil)
      // u_l = v_l ⊙ σ′(z_l): v̄_l = ū ⊙ σ′, z̄_l = ū ⊙ v_l ⊙ σ″.
      let isLastHidden = l == depth - 1
      switch model.activation {
      case .tanh:
        (vBar, zBars[l - 1]) = FusedKernels.tanhSplitCotangent(
          uBar, d1: d1[l - 1], a: activations[l], v: isLastHidden ? row : v[l - 1], vIsRow: isLastHidden)
      case .relu:
        vBar = FusedKernels.multiply(uBar, row: nil, d1[l - 1])
        zBars[l - 1] = uBar.zerosLike
      }
    }
    // Backpropagate the z̄ through the forward pass, l = L−1 … 1.
    var carried = Matrix.zero
    for l in stride(from: depth - 1, through: 1, by: -1) {
      var total = zBars[l - 1]
      if !carried.isSymbolicZero {
        total =
          total
          + FusedKernels.multiply(
            FusedKernels.timesTransposed(carried, layers[l].weight), row: nil, d1[l - 1])
      }
      weightBars[l - 1] = weightBars[l - 1] + FusedKernels.transposedTimes(activations[l - 1], total)
      biasBars[l - 1] = FusedKernels.columnSums(total)
      carried = total
    }
    return (weightBars, biasBars)
  }
}
