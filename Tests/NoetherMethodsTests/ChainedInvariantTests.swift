import NoetherCore
import NoetherLearning
import NoetherNN
import Testing

/// Σ xᵢ² and Σ xᵢ in `n` dimensions.
private func squaresAndSum(_ n: Int) -> KnownInvariantSet {
  KnownInvariantSet(
    [
      KnownInvariant(
        name: "squares", formula: "Σ x²",
        value: { x in (0..<x.count).map { i in x.row(i).reduce(0) { $0 + $1 * $1 } } },
        gradient: { x in StateBatch(count: x.count, dimension: x.dimension, values: x.values.map { 2 * $0 }) }
      ),
      KnownInvariant(
        name: "sum", formula: "Σ x", value: { x in (0..<x.count).map { x.row($0).reduce(0, +) } },
        gradient: { x in StateBatch(count: x.count, dimension: x.dimension, values: x.values.map { _ in 1 }) }
      ),
    ], dimension: n)
}

/// The largest difference between `f`'s gradients and central differences at `states`.
private func gradientError(_ f: some InvariantFunction, at states: StateBatch) -> Double {
  let (m, n) = (f.invariantCount, states.dimension)
  let exact = f.gradients(at: states)
  var worst = 0.0
  for i in 0..<states.count {
    for d in 0..<n {
      var plus = states
      var minus = states
      plus[i, d] += 1e-6
      minus[i, d] -= 1e-6
      let (up, down) = (f.values(at: plus), f.values(at: minus))
      for k in 0..<m {
        let numeric = (up[i * m + k] - down[i * m + k]) / 2e-6
        worst = max(worst, abs(numeric - exact[(i * m + k) * n + d]) / max(1, abs(numeric)))
      }
    }
  }
  return worst
}

@Suite struct ChainedInvariantTests {
  @Test func invariantsReadThroughAnEncoderOrADecoderHaveTheChainRulesGradients() {
    var generator = SeededGenerator(seed: 11)
    let encoder = MLP(sizes: [3, 5, 4], activation: .tanh, generator: &generator)
    let decoder = MLP(sizes: [2, 5, 3], activation: .tanh, generator: &generator)
    let states = StateBatch(count: 4, dimension: 3, values: (0..<12).map { _ in generator.uniform(-1, 1) })
    let latent = StateBatch(count: 4, dimension: 2, values: (0..<8).map { _ in generator.uniform(-1, 1) })
    #expect(gradientError(EncodedInvariant(encoder: encoder, latent: squaresAndSum(4)), at: states) < 1e-7)
    #expect(gradientError(DecodedInvariant(decoder: decoder, state: squaresAndSum(3)), at: latent) < 1e-7)
  }
}
