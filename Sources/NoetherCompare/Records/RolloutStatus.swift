import NoetherCore

/// How one evaluation rollout of a model ended. A run's metrics are measured over the
/// rollouts that count (``countsInMetrics``: completed, or completed beyond the data),
/// and the table shows how many those are (`ok 8/10`).
public enum RolloutStatus: Sendable, Equatable, CustomStringConvertible {
  /// Every evaluation time reached, within the data.
  case completed
  /// Every evaluation time reached, but ‖x‖ went beyond twice the largest ‖x‖ of the data
  /// set and the truth (``RolloutReach``), reaching `reach`; counted in the metrics.
  case leftData(reach: Double)
  /// Every evaluation time reached, but ‖x‖ went beyond ``divergenceFactor`` times the
  /// largest known ‖x‖ (SINDy's 5·10¹⁷): the model diverged; not counted.
  case diverged(reach: Double)
  /// The state stayed finite but the known invariant `invariant` is not defined there
  /// (ln x after x crosses 0) from time `time` on; not counted.
  case leftInvariantDomain(invariant: String, time: Double)
  /// The integration of this rollout alone stopped (a state or the model's field not
  /// finite, the step size, the step budget, the step projection); not counted.
  case stopped(IntegrationStatus)

  /// A rollout beyond this many times the largest known ‖x‖ has diverged.
  public static let divergenceFactor = 1e3

  /// True when the rollout's states enter the metrics.
  public var countsInMetrics: Bool {
    switch self {
    case .completed, .leftData: return true
    case .diverged, .leftInvariantDomain, .stopped: return false
    }
  }

  /// A short label for counts: `completed`, `left the data`, `diverged`, `left the domain
  /// of ln-x`, `not finite`, `step size`, `step budget`, `projection`.
  public var label: String {
    switch self {
    case .completed: return "completed"
    case .leftData: return "left the data"
    case .diverged: return "diverged"
    case .leftInvariantDomain(let name, _): return "left the domain of \(name)"
    case .stopped(let status):
      switch status {
      case .success: return "completed"
      case .nonFinite: return "not finite"
      case .stepSizeUnderflow: return "step size"
      case .tooManySteps: return "step budget"
      case .projectionFailed: return "projection"
      }
    }
  }

  /// What happened, in words.
  public var description: String {
    switch self {
    case .completed: return "completed"
    case .leftData(let reach):
      return "completed beyond the data (‖x‖ reached \(NumberFormat.significant(reach)))"
    case .diverged(let reach):
      return
        "diverged (‖x‖ reached \(NumberFormat.significant(reach)), beyond \(NumberFormat.significant(Self.divergenceFactor)) times the largest of the data)"
    case .leftInvariantDomain(let name, let time):
      return "left the domain where \(name) is defined at t = \(NumberFormat.short(time))"
    case .stopped(let status): return "stopped: \(status)"
    }
  }

  // MARK: - As stored text

  /// One line for the results file: the label's kind, then its numbers and name, tab-separated.
  public var storedText: String {
    switch self {
    case .completed: return "completed"
    case .leftData(let reach): return "left-data\t\(reach)"
    case .diverged(let reach): return "diverged\t\(reach)"
    case .leftInvariantDomain(let name, let time): return "left-domain\t\(time)\t\(name)"
    case .stopped(let status):
      switch status {
      case .success: return "completed"
      case .nonFinite(let time): return "not-finite\t\(time)"
      case .stepSizeUnderflow(let time): return "step-size\t\(time)"
      case .tooManySteps(let time): return "step-budget\t\(time)"
      case .projectionFailed(let time): return "projection\t\(time)"
      }
    }
  }

  /// Reads ``storedText`` back; nil for text of another form.
  public init?(storedText: String) {
    let fields = storedText.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(
      String.init)
    let number = fields.count > 1 ? Double(fields[1]) : nil
    switch (fields[0], number) {
    case ("completed", _) where fields.count == 1: self = .completed
    case ("left-data", let reach?): self = .leftData(reach: reach)
    case ("diverged", let reach?): self = .diverged(reach: reach)
    case ("left-domain", let time?) where fields.count == 3:
      self = .leftInvariantDomain(invariant: fields[2], time: time)
    case ("not-finite", let time?): self = .stopped(.nonFinite(time: time))
    case ("step-size", let time?): self = .stopped(.stepSizeUnderflow(time: time))
    case ("step-budget", let time?): self = .stopped(.tooManySteps(time: time))
    case ("projection", let time?): self = .stopped(.projectionFailed(time: time))
    default: return nil
    }
  }
}

extension Array where Element == RolloutStatus {
  /// How many rollouts count in the metrics.
  public var countingInMetrics: Int { filter(\.countsInMetrics).count }

  /// `2 left the domain of ln-x, 1 diverged`: the rollouts that do not count, by label,
  /// in order of first appearance; empty when all count.
  public var excludedSummary: String {
    var labels = [String]()
    var counts = [String: Int]()
    for status in self where !status.countsInMetrics {
      if counts[status.label] == nil { labels.append(status.label) }
      counts[status.label, default: 0] += 1
    }
    return labels.map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
  }
}
