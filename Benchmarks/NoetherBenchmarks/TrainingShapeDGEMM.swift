import CBLAS
import Foundation
import NoetherNN

/// The rate OpenBLAS's DGEMM reaches on one core on the matrix products of one training
/// step of a d → 100 → 100 → d network on a batch of 100 points (forward x·W for each
/// layer; backward V·Wᵀ and Xᵀ·V), called directly with no other work: the ceiling a
/// training phase's GFLOP/s is measured against (`noether-bench dgemm D`).
enum TrainingShapeDGEMM {
  /// (m, k, n, transpose A, transpose B) of each product, C = op(A)·op(B) of m × n.
  static func products(dimension d: Int, batch: Int = 100, hidden: Int = 100) -> [(Int, Int, Int, Bool, Bool)]
  {
    let layers = [(d, hidden), (hidden, hidden), (hidden, d)]
    var all = [(Int, Int, Int, Bool, Bool)]()
    for (inputs, outputs) in layers {
      all.append((batch, inputs, outputs, false, false))  // X·W
      all.append((batch, outputs, inputs, false, true))  // V·Wᵀ
      all.append((inputs, batch, outputs, true, false))  // Xᵀ·V
    }
    return all
  }

  static func run(arguments: [String]) {
    NeuralRuntime.configure(blasThreads: 1)
    let d = arguments.first.flatMap(Int.init) ?? 2
    let shapes = products(dimension: d)
    let buffers = shapes.map { m, k, n, _, _ in
      (
        [Double](repeating: 0.5, count: m * k), [Double](repeating: 0.25, count: k * n),
        [Double](repeating: 0, count: m * n)
      )
    }
    let flopsPerStep = shapes.reduce(0.0) { $0 + 2 * Double($1.0 * $1.1 * $1.2) }
    var best = Double.infinity
    for _ in 0..<5 {
      var copies = buffers
      let steps = 2000
      let start = Date()
      for _ in 0..<steps {
        for (s, (m, k, n, ta, tb)) in shapes.enumerated() {
          copies[s].0.withUnsafeBufferPointer { a in
            copies[s].1.withUnsafeBufferPointer { b in
              copies[s].2.withUnsafeMutableBufferPointer { c in
                cblas_dgemm(
                  CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, Int32(m),
                  Int32(n), Int32(k), 1, a.baseAddress, Int32(ta ? m : k), b.baseAddress, Int32(tb ? k : n),
                  0,
                  c.baseAddress, Int32(n))
              }
            }
          }
        }
      }
      best = min(best, Date().timeIntervalSince(start) / Double(steps))
    }
    let summary: [String: Double] = ["gflops": flopsPerStep / best / 1e9, "step_microseconds": best * 1e6]
    print(
      String(
        decoding: try! JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys]), as: UTF8.self)
    )
  }
}
