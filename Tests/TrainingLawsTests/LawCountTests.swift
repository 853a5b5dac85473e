import NoetherCore
import Testing
import TrainingLaws

@Suite struct LawCountTests {
  func count(_ widths: [Int], _ activation: HiddenActivation, _ flow: TrainingFlow = .gradient) throws
    -> LawCount
  {
    try LawEnumeration.count(NetworkArchitecture(widths: widths, activation: activation), flow: flow)
  }

  @Test func theIssuesAnchorsAreCountedExactly() throws {
    // The issue's figures (CountAnchors, shared with the report and the benchmark).
    for (widths, activation, flow, expected) in CountAnchors.all {
      let result = try count(widths, activation, flow)
      #expect(
        result.count == expected, "\(result.architecture) \(flow): \(result.count), expected \(expected)")
      #expect(result.rankGap > 1e6, "\(result.architecture) \(flow): gap \(result.rankGap)")
      #expect(
        result.quadraticLawRank == expected,
        "\(result.architecture) \(flow): \(result.quadraticLaws.count) quadratic laws of rank \(result.quadraticLawRank)"
      )
    }
  }
}

extension LawCountTests {
  @Test func randomTwoLayerNetworksAgreeWithTheClosedForms() throws {
    var generator = SeededGenerator(seed: 99)
    for _ in 0..<12 {
      let widths = [
        1 + generator.nextIndex(below: 3), 1 + generator.nextIndex(below: 4),
        1 + generator.nextIndex(below: 3),
      ]
      let activation: HiddenActivation = generator.nextIndex(below: 2) == 0 ? .linear : .relu
      let result = try count(widths, activation)
      #expect(
        result.count == result.formulaCount,
        "\(result.architecture): \(result.count) vs \(result.formulaCount ?? -1)")
    }
  }

  @Test func biasesAndTanhAreHandledOrRefused() throws {
    // With biases a linear network keeps W₁W₁ᵀ + b₁b₁ᵀ − W₂ᵀW₂ (b₁ acts as a column of W₁).
    let biased = try LawEnumeration.count(
      NetworkArchitecture(widths: [3, 2, 2], activation: .linear, hasBias: true), flow: .gradient)
    #expect(biased.count == 3 && biased.quadraticLawRank == 3)
    #expect(throws: NoetherError.self) { try count([3, 2, 2], .tanh) }
    #expect(throws: NoetherError.self) { try count([3, 2, 2, 2], .linear) }
    #expect(throws: NoetherError.self) { try count([10, 10, 2], .linear) }
    #expect(throws: NoetherError.self) {
      try BracketCount(NetworkArchitecture(widths: [5, 4, 1], activation: .tanh))
    }
  }
}

@Suite struct DataSymmetryTests {
  func count(
    _ model: AugmentedLoss.Model, _ n: Int, _ r: Int, _ m: Int, _ group: InputGroup, _ loss: TrainingLoss
  )
    -> Int
  {
    DataSymmetryExperiment.row(model: model, input: n, hidden: r, output: m, group: group, loss: loss).count
  }

  @Test func theControlKeepsItsDirectionUnderEveryLoss() {
    // A single linear neuron on rotation-invariant inputs: ∇L ∝ w for MSE and logistic.
    for loss in TrainingLoss.allCases {
      #expect(count(.neuron, 2, 0, 1, .rotations, loss) == 1, "\(loss)")
      #expect(count(.neuron, 2, 0, 1, .none, loss) == 0, "\(loss)")
    }
  }

  @Test func quarterTurnsAddLawsUnderMSEOnly() {
    // C₄ orbits have isotropic second moments (all MSE sees) but not isotropic fourth ones.
    #expect(count(.neuron, 2, 0, 1, .quarterTurns, .mse) == 1)
    #expect(count(.neuron, 2, 0, 1, .quarterTurns, .logistic) == 0)
    #expect(count(.linear, 2, 2, 1, .quarterTurns, .mse) == 5)
    #expect(count(.linear, 2, 2, 1, .quarterTurns, .logistic) == 3)
    #expect(count(.linear, 2, 2, 1, .none, .mse) == 3)
  }

  @Test func exactBracketsAgreeWithTheAffineEnumeration() throws {
    // Without augmentation the loss-specific family spans what the loss-agnostic one does:
    // r(r+1)/2 laws, as the affine algebra counts them.
    let affine = try LawEnumeration.count(
      NetworkArchitecture(widths: [2, 2, 2], activation: .linear), flow: .gradient)
    #expect(count(.linear, 2, 2, 2, .none, .mse) == affine.count)
  }
}

@Suite struct BracketCountTests {
  @Test func exactBracketsAgreeWithTheAffineAlgebraWhereBothApply() throws {
    for widths in [[2, 2, 1], [1, 3, 1], [2, 2, 2]] {
      let net = try NetworkArchitecture(widths: widths, activation: .linear)
      let brackets = try BracketCount(net)
      #expect(brackets.count == (try LawEnumeration.count(net, flow: .gradient)).count, "\(net)")
      #expect(brackets.trace.closed && brackets.trace.rankGap > 1e6, "\(net)")
    }
  }

  @Test func aTanhNetworkKeepsNothing() throws {
    let result = try BracketCount(try NetworkArchitecture(widths: [2, 2, 1], activation: .tanh))
    #expect(result.count == 0 && result.trace.rank == 6)
  }
}
