import Discovery
import NoetherCompare
import NoetherCore
import SINDy

/// A metric that shows what a model's invariants are: each is regressed onto the
/// system's discovery library (`InvariantDistillation`) over the test trajectories,
/// and the formula with its R² becomes a note under the table (`distilled-r2` keeps the
/// first output's R²). `noether compare --distill` adds it.
public struct DistilledInvariant: ComparisonMetric {
  public static let key = "distilled-r2"

  public init() {}

  public func columns(for system: any DynamicalSystem) -> [MetricColumn] {
    [
      MetricColumn(
        key: Self.key, header: "R² distilled", digits: 4, shownInTable: false, blankWhenAbsent: true)
    ]
  }

  public func measure(_ evaluation: RunEvaluation) -> MetricValues {
    guard let invariants = evaluation.invariants, invariants.inputDimension == evaluation.system.dimension
    else {
      return MetricValues()
    }
    let system = evaluation.system
    let spec = system.defaultDiscoveryLibrary
    guard let library = try? FeatureLibraryRegistry.shared.library(spec),
      let formulas = try? InvariantDistillation(library: library, librarySpec: spec).distill(
        invariants, at: evaluation.data.testing.allStates, stateNames: system.stateNames)
    else { return MetricValues() }
    var result = MetricValues(values: [Self.key: formulas.first?.r2 ?? .nan])
    for (k, formula) in formulas.enumerated() {
      let label = formulas.count > 1 ? "invariant \(k + 1)" : "invariant"
      result.notes.append(
        "\(label) ≈ \(formula.text) (R² \(NumberFormat.fixed(formula.r2, digits: 4)) on \(spec))")
    }
    return result
  }
}
