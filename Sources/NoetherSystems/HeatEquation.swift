import NoetherCore

#if canImport(Glibc)
  import Glibc
#endif

/// The 1-D heat equation ∂U/∂t = ∂²U/∂y² on [−5, 5], discretised on 101 nodes
/// (dx = 0.1) by central differences, with insulated ends: the ghost node beyond each
/// end copies the end node, so
///
///   U̇ᵢ = (Uᵢ₊₁ − 2Uᵢ + Uᵢ₋₁)/dx²,  U₋₁ = U₀,  U₁₀₁ = U₁₀₀.
///
/// Invariant: the total heat Σᵢ Uᵢ, conserved exactly by this discretisation.
/// Initial states: U₀(y) = exp(−(y − c)²/s), c ~ U[−1, 1], s ~ 0.25·U[0.5, 2].
/// Reference data: 200 trajectories (100/100), 100 points on [0, 10]; evaluation over 1 s.
public struct HeatEquation: FieldSystem {
  /// Number of grid nodes.
  public let nodeCount: Int
  /// The interval [lower, upper] of the rod.
  public let domain: ClosedRange<Double>

  public init(nodeCount: Int = 101, domain: ClosedRange<Double> = -5...5) {
    precondition(nodeCount >= 3, "HeatEquation needs at least 3 nodes")
    self.nodeCount = nodeCount
    self.domain = domain
  }

  public var name: String { "heat-equation" }
  public var dimension: Int { nodeCount }
  public var stateNames: [String] { (0..<nodeCount).map { "U\($0)" } }
  public var gridCoordinates: [Double] {
    evenGrid(from: domain.lowerBound, to: domain.upperBound, count: nodeCount)
  }
  /// The node spacing dx.
  public var spacing: Double { (domain.upperBound - domain.lowerBound) / Double(nodeCount - 1) }

  public var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      trajectoryCount: 200, trainingCount: 100, pointCount: 100, duration: 10, evaluationHorizon: 1)
  }

  public func derivatives(at states: StateBatch) -> StateBatch {
    let n = nodeCount
    let scale = 1 / (spacing * spacing)
    var out = states
    states.values.withUnsafeBufferPointer { u in
      out.values.withUnsafeMutableBufferPointer { du in
        for i in 0..<states.count {
          let base = i * n
          du[base] = (u[base + 1] - u[base]) * scale
          for j in (base + 1)..<(base + n - 1) {
            du[j] = (u[j + 1] - 2 * u[j] + u[j - 1]) * scale
          }
          du[base + n - 1] = (u[base + n - 2] - u[base + n - 1]) * scale
        }
      }
    }
    return out
  }

  public var invariants: [KnownInvariant] {
    let n = nodeCount
    return [
      KnownInvariant(
        name: "total-heat", formula: "Σ U",
        value: { s in (0..<s.count).map { i in (0..<n).reduce(0) { $0 + s[i, $1] } } },
        gradient: { s in
          StateBatch(count: s.count, dimension: n, values: [Double](repeating: 1, count: s.count * n))
        })
    ]
  }

  public func sampleInitialStates(
    count: Int, for purpose: SamplingPurpose, using generator: inout SeededGenerator
  ) -> StateBatch {
    let y = gridCoordinates
    var out = StateBatch(zeros: count, dimension: nodeCount)
    for i in 0..<count {
      let centre = generator.uniform(-1, 1)
      let width = 0.25 * generator.uniform(0.5, 2)
      for j in 0..<nodeCount { out[i, j] = exp(-(y[j] - centre) * (y[j] - centre) / width) }
    }
    return out
  }
}
