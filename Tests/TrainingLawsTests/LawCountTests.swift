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
  }
}
