import NoetherCore

/// Quantities given by a file (`compare --laws FILE`: the conserved, balance and
/// approximately conserved quantities `noether discover --out` stored, found on a record's
/// training trajectories or anywhere else), scored like a system's known invariants: for
/// each quantity C, the mean over the evaluation trajectories and times of
/// (C(x_model) − C(x_true))² (`law:<name>`, header `violation <name>`), with its course over
/// time. Against a record's measured test trajectories and with C the energy, this is the
/// Hamiltonian-neural-network paper's energy MSE along model rollouts.
public struct LawViolation: ComparisonMetric {
  public static let keyPrefix = "law:"
  public static let curvePrefix = "law-over-time-"

  /// The quantities, one output per name.
  public let quantities: any InvariantFunction
  public let names: [String]

  /// - Precondition: one name per output of `quantities`.
  public init(quantities: any InvariantFunction, names: [String]) {
    precondition(names.count == quantities.invariantCount, "one name per quantity")
    self.quantities = quantities
    self.names = names
  }

  public func columns(for system: any DynamicalSystem) -> [MetricColumn] {
    names.map { MetricColumn(key: Self.keyPrefix + $0, header: "violation \($0)", pairedBySeed: true) }
  }

  public func measure(_ evaluation: RunEvaluation) -> MetricValues {
    let truth = evaluation.truth
    let steps = truth.times.count
    let count = truth.count * steps
    let m = names.count
    var result = MetricValues()
    guard count > 0, truth.dimension == quantities.inputDimension else { return result }
    let c = quantities.values(at: StateBatch(count: count, dimension: truth.dimension, values: truth.states))
    let model = quantities.values(
      at: StateBatch(count: count, dimension: truth.dimension, values: evaluation.rollout.states))
    for (k, name) in names.enumerated() {
      let (value, curve) = InvariantViolation.violation(
        model: model, truth: c, outputs: m, output: k, steps: steps)
      result.values[Self.keyPrefix + name] = value
      result.curves[Self.curvePrefix + name] = curve
    }
    return result
  }
}
