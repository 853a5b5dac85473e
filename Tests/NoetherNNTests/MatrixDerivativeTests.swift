import NoetherCore
import NoetherNN
import Testing
import _Differentiation

/// Every registered derivative against central finite differences: each operation
/// is wrapped as f(x) = Σ op(x) ⊙ R with a random R, so the cotangent is not uniform.
@Suite struct MatrixDerivativeTests {
  var g = SeededGenerator(seed: 42)
  let tolerance = 1e-6

  @Test mutating func products() {
    let a = randomMatrix(4, 3, &g)
    let b = randomMatrix(3, 5, &g)
    let bt = randomMatrix(5, 3, &g)
    let at = randomMatrix(3, 4, &g)
    let r = randomMatrix(4, 5, &g)
    #expect(gradientError({ (matmul($0, b) * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ (matmul(a, $0) * r).sum() }, at: b) < tolerance)
    #expect(gradientError({ (matmul($0, transposed: bt) * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ (matmul(a, transposed: $0) * r).sum() }, at: bt) < tolerance)
    #expect(gradientError({ (matmul(transposed: $0, b) * r).sum() }, at: at) < tolerance)
    #expect(gradientError({ (matmul(transposed: at, $0) * r).sum() }, at: b) < tolerance)
    // The products themselves.
    let c = matmul(a, b)
    var expected = 0.0
    for k in 0..<3 { expected += a[1, k] * b[k, 2] }
    #expect(abs(c[1, 2] - expected) < 1e-14)
    #expect(relativeError(matmul(a, transposed: bt), matmul(a, bt.transposed)) < 1e-15)
    #expect(relativeError(matmul(transposed: at, b), matmul(at.transposed, b)) < 1e-15)
  }

  @Test mutating func elementwiseArithmetic() {
    let a = randomMatrix(3, 4, &g)
    let b = randomMatrix(3, 4, &g)
    let r = randomMatrix(3, 4, &g)
    #expect(gradientError({ (($0 + b) * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ ((b - $0) * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ (($0 - b) * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ ($0 * b * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ (b * $0 * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ ($0 * $0 * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ ((2.5 * $0) * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ ((-$0) * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ ($0.squared() * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ ($0.adding(0.7) * r).sum() }, at: a) < tolerance)
    // d/ds of (s·A ⊙ R) summed is Σ A ⊙ R.
    let ds = gradient(at: 1.3) { s in (s * a * r).sum() }
    #expect(abs(ds - (a * r).sum()) < 1e-12)
  }

  @Test mutating func activations() {
    let a = randomMatrix(5, 6, &g, -2, 2)
    let r = randomMatrix(5, 6, &g)
    #expect(gradientError({ ($0.tanh() * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ ($0.tanhDerivative() * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ ($0.tanhSecondDerivative() * r).sum() }, at: a) < tolerance)
    // ReLU away from its kink.
    let away = a.map { abs($0) < 0.05 ? $0 + 0.2 : $0 }
    #expect(gradientError({ ($0.relu() * r).sum() }, at: away) < tolerance)
    #expect(gradient(at: away) { ($0.reluDerivative() * r).sum() }.scalars.allSatisfy { $0 == 0 })
    // The vectorised tanh is within 6 ulp of glibc's, over 0 … 30 and both signs,
    // keeps signed zeros, saturates, and propagates NaN.
    var worstUlps = 0.0
    var x = -30.0
    while x <= 30 {
      let probe = Matrix([[x, x * 1e-7]])
      for (value, input) in zip(probe.tanh().scalars, probe.scalars) {
        let exact = glibcTanh(input)
        worstUlps = max(worstUlps, abs(value - exact) / max(exact.ulp, Double.leastNormalMagnitude))
      }
      x += 0.000731
    }
    #expect(worstUlps <= 6, "tanh differs from glibc by \(worstUlps) ulp")
    let special = Matrix([[0, -0.0, 1e-300, 40, -40, .infinity, -.infinity, .nan]]).tanh().scalars
    #expect(special[0] == 0 && special[1].sign == .minus && special[2] == 1e-300)
    #expect(special[3] == 1 && special[4] == -1 && special[5] == 1 && special[6] == -1 && special[7].isNaN)
  }

  @Test mutating func broadcastsAndReductions() {
    let a = randomMatrix(4, 3, &g)
    let row = randomMatrix(1, 3, &g)
    let column = randomMatrix(4, 1, &g)
    let r = randomMatrix(4, 3, &g)
    #expect(gradientError({ ($0.addingRow(row) * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ (a.addingRow($0) * r).sum() }, at: row) < tolerance)
    #expect(gradientError({ ($0.multiplyingRows(by: row) * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ (a.multiplyingRows(by: $0) * r).sum() }, at: row) < tolerance)
    #expect(gradientError({ ($0.addingColumn(column) * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ (a.addingColumn($0) * r).sum() }, at: column) < tolerance)
    #expect(gradientError({ ($0.multiplyingColumns(by: column) * r).sum() }, at: a) < tolerance)
    #expect(gradientError({ (a.multiplyingColumns(by: $0) * r).sum() }, at: column) < tolerance)
    #expect(gradientError({ ($0.repeatingRows(4) * r).sum() }, at: row) < tolerance)
    #expect(gradientError({ ($0.rowSums() * column).sum() }, at: a) < tolerance)
    #expect(gradientError({ ($0.columnSums() * row).sum() }, at: a) < tolerance)
    #expect(gradientError({ $0.squared().mean() }, at: a) < tolerance)
    #expect(abs(a.rowSums().sum() - a.sum()) < 1e-14 && abs(a.columnSums().sum() - a.sum()) < 1e-14)
  }

  @Test mutating func slicing() {
    let a = randomMatrix(5, 4, &g)
    let b = randomMatrix(5, 2, &g)
    let r2 = randomMatrix(5, 2, &g)
    let r3 = randomMatrix(3, 4, &g)
    let r6 = randomMatrix(5, 6, &g)
    #expect(gradientError({ ($0.columns(1..<3) * r2).sum() }, at: a) < tolerance)
    #expect(gradientError({ ($0.rows(1..<4) * r3).sum() }, at: a) < tolerance)
    #expect(gradientError({ ($0.concatenatingColumns(b) * r6).sum() }, at: a) < tolerance)
    #expect(gradientError({ (a.concatenatingColumns($0) * r6).sum() }, at: b) < tolerance)
    #expect(a.gatheringRows([3, 0]).scalars == Array(a.scalars[12..<16] + a.scalars[0..<4]))
  }

  @Test func symbolicZeroIsAcceptedEverywhere() {
    let a = Matrix([[1, 2], [3, 4]])
    #expect(a + .zero == a && .zero + a == a && a - .zero == a)
    var moved = a
    moved.move(by: .zero)
    #expect(moved == a)
    // A pullback fed the symbolic zero returns zeros (or the symbolic zero) without trapping.
    let (_, pullback) = valueWithPullback(at: a) { x in matmul(x, x).tanh().addingRow(Matrix([[1, 1]])) }
    #expect(pullback(.zero).scalars.allSatisfy { $0 == 0 })
    // A branch that ignores x hands back the symbolic zero.
    let g = gradient(at: a) { x in withoutDerivative(at: x).sum() }
    #expect(g.scalars.allSatisfy { $0 == 0 })
    var adam = Adam()
    var params = [a]
    adam.update(&params, gradients: [])
    #expect(params[0] == a)
  }
}

#if canImport(Glibc)
  import Glibc
  func glibcTanh(_ x: Double) -> Double { Glibc.tanh(x) }
#endif
