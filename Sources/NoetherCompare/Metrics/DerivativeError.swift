import NoetherCore

/// The test loss of the Hamiltonian-neural-network paper: the mean over the test
/// trajectories' states and components of (f_model(x) − ẋ_data)², the model's field
/// against the data's derivatives (measured, or estimated from a record). Only for models
/// that are a vector field on the state space; not a table column.
public struct DerivativeError: ComparisonMetric {
  public static let key = "derivative_mse"

  public init() {}

  public func columns(for system: any DynamicalSystem) -> [MetricColumn] { Self.columns }

  static let columns = [
    MetricColumn(key: key, header: "ẋ MSE on test data", shownInTable: false, blankWhenAbsent: true)
  ]

  public func measure(_ evaluation: RunEvaluation) -> MetricValues {
    let test = evaluation.data.testing
    guard let field = evaluation.model as? any VectorField, field.dimension == test.dimension,
      test.trajectoryCount > 0
    else { return MetricValues() }
    let states = StateBatch(
      count: test.totalPointCount, dimension: test.dimension, values: test.states)
    let predicted = field.derivatives(at: states).values
    let sum = zip(predicted, test.derivatives).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return MetricValues(values: [Self.key: sum / Double(max(predicted.count, 1))])
  }
}
