import NoetherCore

/// Depth as time (Gadzinski's poster): two clusters of points in the plane, carried by a
/// trained residual network to their destinations, and the adjoint summed over all the
/// points and over each cluster, layer by layer.
public struct DepthAdjointStudy: Sendable {
  /// The network.
  public let network: ResidualPlaneNetwork
  /// L after training.
  public let finalLoss: Double
  /// Σₖ pₗᵏ for l = 0 … L (all samples).
  public let summedAdjoint: [[Double]]
  /// The same sums over each cluster, [cluster][layer].
  public let clusterAdjoints: [[[Double]]]
  /// Per block, ‖(Σp_{l−1} − Σp_l) − W₁ˡᵀ ∂L/∂b₁ˡ‖ relative to ‖Σp_{l−1} − Σp_l‖ + ‖W₁ˡᵀ ∂L/∂b₁ˡ‖
  /// + the adjoints' size: the identity's residual (round-off).
  public let identityResiduals: [Double]
  /// Per block, ‖W₁ˡᵀ ∂L/∂b₁ˡ‖: how far training left the summed adjoint from conserved.
  public let predictedChanges: [Double]
  /// Per block and cluster, ‖change of the cluster's sum‖: what the clusters exchange.
  public let clusterChanges: [[Double]]

  /// Trains `network` by gradient descent on two clusters of `perCluster` points (around
  /// (−1, 0) → (0, 1) and (1, 0) → (0, −1), spread 0.3, targets with noise 0.2) and
  /// measures.
  public init(
    network: ResidualPlaneNetwork = ResidualPlaneNetwork(depth: 12, width: 8), perCluster: Int = 16,
    steps: Int = 4000, learningRate: Double = 0.05, seed: UInt64 = 2023
  ) {
    var generator = SeededGenerator(seed: seed)
    let centres: [([Double], [Double])] = [([-1, 0], [0, 1]), ([1, 0], [0, -1])]
    var inputs: [[Double]] = []
    var targets: [[Double]] = []
    var cluster: [Int] = []
    for (c, (centre, destination)) in centres.enumerated() {
      for _ in 0..<perCluster {
        let offset = [0.3 * generator.nextNormal(), 0.3 * generator.nextNormal()]
        inputs.append(zip(centre, offset).map { $0 + $1 })
        // Noise no network can fit keeps every point's adjoint of order 0.1/N after
        // training, so the sums are compared at a size that is not round-off.
        let noise = [0.2 * generator.nextNormal(), 0.2 * generator.nextNormal()]
        targets.append((0..<2).map { destination[$0] + 0.5 * offset[$0] + noise[$0] })
        cluster.append(c)
      }
    }
    var theta = network.randomParameters(using: &generator)
    for _ in 0..<steps {
      let g = network.evaluate(theta, inputs: inputs, targets: targets).gradient
      for a in theta.indices { theta[a] -= learningRate * g[a] }
    }
    let (loss, gradient, passes) = network.evaluate(theta, inputs: inputs, targets: targets)
    func sum(_ members: [Int], layer l: Int) -> [Double] {
      members.reduce([0.0, 0.0]) { [$0[0] + passes[$1].adjoints[l][0], $0[1] + passes[$1].adjoints[l][1]] }
    }
    let everyone = Array(passes.indices)
    let groups = (0..<centres.count).map { c in everyone.filter { cluster[$0] == c } }
    let summed = (0...network.depth).map { sum(everyone, layer: $0) }
    let perCluster = groups.map { members in (0...network.depth).map { sum(members, layer: $0) } }
    let size = passes.reduce(0.0) { $0 + $1.adjoints.reduce(0) { $0 + abs($1[0]) + abs($1[1]) } }
    var residuals: [Double] = []
    var predicted: [Double] = []
    for l in 0..<network.depth {
      let change = [summed[l][0] - summed[l + 1][0], summed[l][1] - summed[l + 1][1]]
      let expected = network.predictedAdjointChange(theta, gradient: gradient, block: l)
      let dx = change[0] - expected[0]
      let dy = change[1] - expected[1]
      let miss = (dx * dx + dy * dy).squareRoot()
      residuals.append(miss / size)
      predicted.append((expected[0] * expected[0] + expected[1] * expected[1]).squareRoot())
    }
    self.network = network
    finalLoss = loss
    summedAdjoint = summed
    clusterAdjoints = perCluster
    identityResiduals = residuals
    predictedChanges = predicted
    clusterChanges = (0..<network.depth).map { l in
      perCluster.map { sums in
        let dx = sums[l][0] - sums[l + 1][0]
        let dy = sums[l][1] - sums[l + 1][1]
        return (dx * dx + dy * dy).squareRoot()
      }
    }
  }
}
