// docs/extending.md quotes this file; a test checks that the two agree.
import NoetherCompare
import NoetherCore
import NoetherLearning

/// A known-physics method: the best linear field ẋ = A x in the least-squares sense,
/// fitted to every training point (exact for the spring mass, whose field is linear).
struct LinearFit: ConfigurableMethod {
  static let methodName = "linear-fit"
  static let summary = "the least-squares linear field ẋ = A x"
  var name: String { Self.methodName }

  init() {}
  init(options: MethodOptions, problem: MethodProblem) {}  // no settings to take

  func inapplicability(to problem: MethodProblem) -> String? {
    problem.isLatentSpace ? "a linear field in a latent space says little about the system" : nil
  }

  func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    let train = data.training
    let n = train.dimension
    // Rows x·Aᵀ ≈ ẋ: solve X Aᵀ = Ẋ for Aᵀ (n × n).
    let transposed = try LeastSquares.solve(
      train.states, rows: train.states.count / n, columns: n, train.derivatives, rightHandSides: n)
    return FittedModel(model: LinearField(transposedMatrix: transposed, dimension: n))
  }
}

/// ẋ = A x, stored as Aᵀ (row-major n × n).
struct LinearField: VectorFieldModel {
  let transposedMatrix: [Double]
  let dimension: Int
  var methodName: String { LinearFit.methodName }

  func derivatives(at x: StateBatch) -> StateBatch {
    var f = StateBatch(zeros: x.count, dimension: dimension)
    for i in 0..<x.count {
      for j in 0..<dimension {
        for k in 0..<dimension { f[i, j] += x[i, k] * transposedMatrix[k * dimension + j] }
      }
    }
    return f
  }

  func archive() -> ModelArchive {
    ModelArchive(
      method: methodName,
      arrays: ["A-transposed": .init(shape: [dimension, dimension], values: transposedMatrix)])
  }
}

/// A metric: the squared error of the final state, mean over the evaluation trajectories.
struct FinalStateError: ComparisonMetric {
  func columns(for system: any DynamicalSystem) -> [MetricColumn] {
    [MetricColumn(key: "final-error", header: "final error", pairedBySeed: true)]
  }

  func measure(_ evaluation: RunEvaluation) -> MetricValues {
    let (truth, model) = (evaluation.truth, evaluation.rollout)
    let (steps, n) = (truth.times.count, truth.dimension)
    var total = 0.0
    for trajectory in 0..<truth.count {
      let last = (trajectory * steps + steps - 1) * n
      for i in last..<(last + n) {
        total += (truth.states[i] - model.states[i]) * (truth.states[i] - model.states[i])
      }
    }
    return MetricValues(values: ["final-error": total / Double(truth.count)])
  }
}
