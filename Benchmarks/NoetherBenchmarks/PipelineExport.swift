import ConCerNet
import Foundation
import NoetherCore
import NoetherLearning
import NoetherNN

/// The Swift side of `Benchmarks/run pipeline`: writes what the PyTorch reference needs
/// to repeat the comparison's training exactly — each network's initial weights and
/// every epoch's shuffled order, drawn with the generators the methods seed
/// (`DynamicsNetworkTraining` and the baseline, ConCerNet's h and concernet-exact's h:
/// seed s; the contrastive g: s + 1; the HNN's H: s + 2; weights first, then one shuffle
/// per epoch).
///
/// `noether-bench pipeline-export DIMENSION TRAINING_TRAJECTORIES POINTS DIR [SEED]`
/// writes DIR/{dynamics,contrastive,hnn}-{init,order}.bin (little-endian float64
/// weights, each layer's W as inputs × outputs then b; int32 item orders, one epoch
/// after another) and DIR/problem.json (sizes, epochs, batch sizes).
enum PipelineExport {
  /// The methods' own defaults: epochs and point batches of `TrainingSettings`, the
  /// contrastive learner's trajectory batches, and `NetworkSettings`' widths and activation.
  static let epochs = TrainingSettings().epochs
  static let pointBatch = TrainingSettings().batchSize
  static let trajectoryBatch = ContrastiveInvariantLearner().training.batchSize
  static let networkSettings = NetworkSettings()

  static func run(arguments: [String]) {
    guard arguments.count >= 4, let n = Int(arguments[0]), let trajectories = Int(arguments[1]),
      let points = Int(arguments[2])
    else {
      FileHandle.standardError.write(
        Data("usage: noether-bench pipeline-export DIMENSION TRAINING_TRAJECTORIES POINTS DIR [SEED]\n".utf8))
      exit(2)
    }
    let directory = URL(fileURLWithPath: arguments[3])
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      FileHandle.standardError.write(
        Data("pipeline-export: cannot create \(directory.path): \(error)\n".utf8))
      exit(1)
    }
    let seed = arguments.count > 4 ? UInt64(arguments[4]) ?? 2023 : 2023
    let samples = trajectories * points
    let networks: [(name: String, seed: UInt64, sizes: [Int], batches: MiniBatches)] = [
      (
        "dynamics", seed, networkSettings.sizes(inputs: n, outputs: n),
        .points(samples, batchSize: pointBatch)
      ),
      (
        "contrastive", seed &+ 1, networkSettings.sizes(inputs: n, outputs: 1),
        MiniBatches(itemCount: trajectories, batchSize: trajectoryBatch)
      ),
      (
        "hnn", seed &+ 2, networkSettings.sizes(inputs: n, outputs: 1),
        .points(samples, batchSize: pointBatch)
      ),
    ]
    var problem: [String: Any] = [
      "epochs": epochs, "point_batch": pointBatch, "trajectory_batch": trajectoryBatch, "seed": seed,
    ]
    for network in networks {
      var generator = SeededGenerator(seed: network.seed)
      let model = MLP(
        sizes: network.sizes, activation: Self.networkSettings.activation, generator: &generator)
      var weights = [Double]()
      for layer in model.layers { weights += layer.weight.scalars + layer.bias.scalars }
      var order = [Int32]()
      order.reserveCapacity(epochs * network.batches.itemCount)
      for _ in 0..<epochs {
        order += network.batches.epoch(using: &generator).joined().map { Int32($0) }
      }
      write(weights, to: directory.appendingPathComponent("\(network.name)-init.bin"))
      write(order, to: directory.appendingPathComponent("\(network.name)-order.bin"))
      problem[network.name] = ["sizes": network.sizes, "items": network.batches.itemCount]
    }
    let json = try! JSONSerialization.data(withJSONObject: problem, options: [.sortedKeys])
    try! json.write(to: directory.appendingPathComponent("problem.json"), options: .atomic)
    print(String(decoding: json, as: UTF8.self))
  }

  static func write<T>(_ values: [T], to url: URL) {
    let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
    try! data.write(to: url, options: .atomic)
  }
}
