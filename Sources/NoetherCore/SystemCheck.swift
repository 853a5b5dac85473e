/// Checks a system's declarations against each other, as a user registering one needs:
/// the field finite where the system samples its states, each invariant's declared
/// gradient against central differences, each invariant conserved by the field, and
/// each invariant's drift along one trajectory of the reference protocol.
///
/// At `sampleCount` states drawn for training (seed `seed`), for invariant C:
/// - gradient: max over states of |∇C − ∇C_fd| / max(|∇C_fd|, s), ∇C_fd by central
///   differences with step 10⁻⁵(1 + |xⱼ|) (error about 10⁻¹⁰ relative for smooth C), s the
///   RMS of |∇C_fd| over the states; a problem above `gradientTolerance`;
/// - conservation: max over states of |∇C_fd·f| / (|∇C_fd| |f|), the cosine between the
///   gradient (by differences, so that a wrong declared gradient is not taken for a
///   non-conserved invariant) and the field; a problem above `conservationTolerance`;
/// - drift: max over the reference trajectory's points of |C(x(t)) − C(x(0))| /
///   max(|C(x(0))|, spread of C over the states), reported, never a problem by itself.
public struct SystemCheck: Sendable {
  /// One line of the check: what was found, and whether it is a problem.
  public struct Finding: Sendable, Equatable, CustomStringConvertible {
    public let isProblem: Bool
    public let text: String
    public var description: String { (isProblem ? "problem: " : "ok: ") + text }
  }

  public var sampleCount = 200
  public var seed: UInt64 = 2023
  public var gradientTolerance = 1e-4
  public var conservationTolerance = 1e-6

  public init() {}

  /// The findings for `system`, one per check and invariant, problems first within each
  /// invariant's checks.
  public func findings(for system: any DynamicalSystem) -> [Finding] {
    var generator = SeededGenerator(seed: seed)
    let states = system.sampleInitialStates(count: sampleCount, for: .training, using: &generator)
    let field = system.derivatives(at: states)
    var findings = [fieldFinding(states: states, field: field)]
    for invariant in system.invariants {
      findings += invariantFindings(invariant, states: states, field: field)
    }
    findings.append(contentsOf: driftFindings(system, from: states))
    return findings
  }

  private func fieldFinding(states: StateBatch, field: StateBatch) -> Finding {
    let bad = (0..<states.count).filter { i in (0..<states.dimension).contains { !field[i, $0].isFinite } }
    guard let first = bad.first else {
      return Finding(isProblem: false, text: "the field is finite at all \(states.count) sampled states")
    }
    return Finding(
      isProblem: true,
      text:
        "the field is NaN or infinite at \(bad.count) of \(states.count) sampled states, e.g. x = \(Self.shown(states.row(first)))"
    )
  }

  private func invariantFindings(_ invariant: KnownInvariant, states: StateBatch, field: StateBatch)
    -> [Finding]
  {
    let declared = invariant.gradients(at: states)
    let differences = centralDifferences(invariant, at: states)
    let n = states.dimension
    let norms = (0..<states.count).map { i in
      (0..<n).reduce(0.0) { $0 + differences[i, $1] * differences[i, $1] }.squareRoot()
    }
    let scale = (norms.reduce(0) { $0 + $1 * $1 } / Double(max(norms.count, 1))).squareRoot()
    var (gradientError, gradientAt) = (0.0, 0)
    var (cosine, cosineAt) = (0.0, 0)
    for i in 0..<states.count where field.row(i).allSatisfy(\.isFinite) {
      let error = (0..<n).reduce(0.0) { $0 + pow2(declared[i, $1] - differences[i, $1]) }.squareRoot()
      let relative = error / max(norms[i], scale, 1e-300)
      if !(relative <= gradientError) { (gradientError, gradientAt) = (relative, i) }
      let f = field.row(i)
      let fNorm = f.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard fNorm > 0, norms[i] > 0 else { continue }
      let dot = abs((0..<n).reduce(0.0) { $0 + differences[i, $1] * f[$1] }) / (norms[i] * fNorm)
      if !(dot <= cosine) { (cosine, cosineAt) = (dot, i) }
    }
    let name = "'\(invariant.name)'"
    return [
      Finding(
        isProblem: !(gradientError <= gradientTolerance),
        text: gradientError <= gradientTolerance
          ? "the gradient of \(name) agrees with central differences (largest relative difference \(NumberFormat.scientific(gradientError)))"
          : "the gradient of \(name) differs from central differences by \(NumberFormat.scientific(gradientError)) (relative) at x = \(Self.shown(states.row(gradientAt))); check its formula"
      ),
      Finding(
        isProblem: !(cosine <= conservationTolerance),
        text: cosine <= conservationTolerance
          ? "\(name) is conserved by the field: ∇C·f / (|∇C| |f|) at most \(NumberFormat.scientific(cosine))"
          : "\(name) is not conserved by the field: ∇C·f / (|∇C| |f|) reaches \(NumberFormat.scientific(cosine)) at x = \(Self.shown(states.row(cosineAt))); it is no invariant of this field"
      ),
    ]
  }

  /// ∇C by central differences with step 10⁻⁵(1 + |xⱼ|).
  private func centralDifferences(_ invariant: KnownInvariant, at states: StateBatch) -> StateBatch {
    var out = states
    for j in 0..<states.dimension {
      var (plus, minus) = (states, states)
      var steps = [Double](repeating: 0, count: states.count)
      for i in 0..<states.count {
        steps[i] = 1e-5 * (1 + abs(states[i, j]))
        plus[i, j] += steps[i]
        minus[i, j] -= steps[i]
      }
      let (up, down) = (invariant.values(at: plus), invariant.values(at: minus))
      for i in 0..<states.count { out[i, j] = (up[i] - down[i]) / (2 * steps[i]) }
    }
    return out
  }

  /// Each invariant's largest relative drift along one reference trajectory from the
  /// first sampled state (or, when the integration fails, that failure as a problem).
  private func driftFindings(_ system: any DynamicalSystem, from states: StateBatch) -> [Finding] {
    let settings = system.referenceProtocol
    let times = (0..<settings.pointCount).map {
      settings.duration * Double($0) / Double(max(settings.pointCount - 1, 1))
    }
    let integrator = DormandPrince45(
      relativeTolerance: settings.relativeTolerance, absoluteTolerance: settings.absoluteTolerance)
    let start = StateBatch(rows: [states.row(0)])
    let solution = integrator.integrate(system, from: start, at: times)
    guard solution.status.succeeded else {
      return [
        Finding(
          isProblem: true,
          text: "a reference trajectory from x = \(Self.shown(start.row(0))) failed: \(solution.status)")
      ]
    }
    let path = StateBatch(count: times.count, dimension: system.dimension, values: solution.states)
    return system.invariants.map { invariant in
      let values = invariant.values(at: path)
      let sampled = invariant.values(at: states)
      let mean = sampled.reduce(0, +) / Double(max(sampled.count, 1))
      let spread = (sampled.reduce(0) { $0 + pow2($1 - mean) } / Double(max(sampled.count, 1))).squareRoot()
      let drift = values.map { abs($0 - values[0]) }.max() ?? 0
      let relative = drift / max(abs(values[0]), spread, 1e-300)
      return Finding(
        isProblem: false,
        text:
          "'\(invariant.name)' drifts by \(NumberFormat.scientific(relative)) (relative) along a reference trajectory over [0, \(NumberFormat.short(settings.duration))]"
      )
    }
  }

  static func shown(_ x: [Double]) -> String {
    "(" + x.map { NumberFormat.significant($0, digits: 3) }.joined(separator: ", ") + ")"
  }
}

private func pow2(_ x: Double) -> Double { x * x }
