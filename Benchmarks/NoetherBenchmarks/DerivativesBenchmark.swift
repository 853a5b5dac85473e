import Foundation
import NoetherCore
import NoetherStore

/// `Benchmarks/run derivatives`, Noether's side: reads the noisy data files the run
/// made (states with Gaussian noise, `derivatives` the exact ẋ of the clean states),
/// estimates ẋ with finite differences, Savitzky–Golay and total variation (their
/// parameters chosen from the noise each estimates from the data: no oracle), and
/// prints per file and method the relative root-mean-square error against the exact ẋ
/// and the median time of 3, then one JSON line.
enum DerivativesBenchmark {
  static let methods = ["finite-difference", "savitzky-golay", "total-variation"]

  static func run(files: [String]) {
    var figures = [String: Any]()
    for path in files {
      let dataset = try! TrajectoryFile.read(from: path)
      let set = dataset.trajectories
      let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      var entry = [String: Any]()
      for spec in methods {
        let method = try! DifferentiationRegistry.shared.differentiation(spec)
        var seconds = [Double]()
        var estimate = set
        for _ in 0..<3 {
          let start = Date()
          estimate = set.rederived(with: method)
          seconds.append(Date().timeIntervalSince(start))
        }
        let error = relativeError(estimate.derivatives, set.derivatives)
        entry[spec] = ["error": error, "seconds": seconds.sorted()[1]]
        FileHandle.standardError.write(
          Data("\(name) \(spec): relative error \(error), \(seconds.sorted()[1]) s\n".utf8))
      }
      figures[name] = entry
    }
    let data = try! JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
  }

  /// ‖estimate − exact‖ / ‖exact‖ over every value.
  static func relativeError(_ estimate: [Double], _ exact: [Double]) -> Double {
    var e = 0.0
    var s = 0.0
    for (a, b) in zip(estimate, exact) {
      e += (a - b) * (a - b)
      s += b * b
    }
    return (e / s).squareRoot()
  }
}
