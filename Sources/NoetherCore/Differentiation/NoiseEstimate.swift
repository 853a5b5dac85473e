/// The noise level of sampled states, estimated from their third differences: for white
/// noise of standard deviation σ on evenly spaced samples, xₖ₊₃ − 3xₖ₊₂ + 3xₖ₊₁ − xₖ has
/// standard deviation √20 σ, and a smooth signal contributes only x‴·Δt³. The median
/// absolute value (÷ 0.6745 for a Gaussian) keeps the few large smooth contributions out.
///
/// On an uneven grid (`times` given, a step differing from the first by more than 10⁻⁹ of
/// it: dropped samples, jittered time stamps) the plain third difference no longer
/// cancels a straight line, so each window uses its third divided difference
/// Σᵢ wᵢ xₖ₊ᵢ, wᵢ = 1/Πⱼ≠ᵢ(tₖ₊ᵢ − tₖ₊ⱼ), which cancels every quadratic, scaled to unit
/// noise gain by 1/√(Σᵢ wᵢ²): its standard deviation is σ for white noise, whatever the
/// steps. On an even grid that is the formula above.
///
/// Returns one σ per component (0 with fewer than four samples).
public func estimatedNoise(of states: [Double], dimension n: Int, times: [Double]? = nil) -> [Double] {
  let count = states.count / max(n, 1)
  guard count >= 4 else { return [Double](repeating: 0, count: n) }
  if let times, times.count == count, let weights = unevenWindowWeights(times) {
    return (0..<n).map { j in
      let values = weights.enumerated().map { k, w in
        abs((0..<4).reduce(0.0) { $0 + w[$1] * states[(k + $1) * n + j] })
      }
      return median(values) / 0.6745
    }
  }
  return (0..<n).map { j in
    let values = (0..<(count - 3)).map { k in
      abs(
        states[(k + 3) * n + j] - 3 * states[(k + 2) * n + j] + 3 * states[(k + 1) * n + j]
          - states[k * n + j])
    }
    return median(values) / 0.6745 / 20.0.squareRoot()
  }
}

/// Per window of four samples, the third divided difference's weights at unit noise gain;
/// nil when the steps are even (within 10⁻⁹ of the first).
private func unevenWindowWeights(_ t: [Double]) -> [[Double]]? {
  let first = t[1] - t[0]
  guard zip(t.dropFirst(), t.dropFirst(2)).contains(where: { abs(($1 - $0) - first) > 1e-9 * abs(first) })
  else {
    return nil
  }
  return (0..<(t.count - 3)).map { k in
    let w = (0..<4).map { i in
      1 / (0..<4).filter { $0 != i }.reduce(1.0) { $0 * (t[k + i] - t[k + $1]) }
    }
    let gain = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return w.map { $0 / gain }
  }
}

/// The median (the mean of the two middle values for an even count).
private func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  let middle = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle])
}
