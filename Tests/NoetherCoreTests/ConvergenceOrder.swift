import NoetherCore

#if canImport(Glibc)
  import Glibc
#endif

/// The observed order of accuracy: the least-squares slope of log(error) against
/// log(step size), each error the largest deviation from the exact solution at the end.
func observedOrder(
  stepCounts: [Int], duration: Double, integrate: (Double) -> [Double], exact: [Double]
) -> Double {
  var xs = [Double]()
  var ys = [Double]()
  for n in stepCounts {
    let h = duration / Double(n)
    let end = integrate(h)
    let error = zip(end, exact).map { abs($0 - $1) }.max() ?? 0
    xs.append(log(h))
    ys.append(log(error))
  }
  let mx = xs.reduce(0, +) / Double(xs.count)
  let my = ys.reduce(0, +) / Double(ys.count)
  var num = 0.0
  var den = 0.0
  for (x, y) in zip(xs, ys) {
    num += (x - mx) * (y - my)
    den += (x - mx) * (x - mx)
  }
  return num / den
}
