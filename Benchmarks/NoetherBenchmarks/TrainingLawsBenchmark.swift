import Discovery
import Foundation
import NoetherCore
import SINDy
import TrainingLaws

/// `noether-bench training-laws`: the issue's anchors for the conservation laws of
/// training. Counts of the ten anchors and of 50 random two-layer networks against the
/// closed forms (and their times), the drift measurements of the (3,2,2) linear network,
/// the discovery of its laws from 1 and 10 recorded gradient-flow runs, the data-symmetry
/// table (rows where MSE keeps more laws than the logistic loss; the control's counts),
/// and the depth identity. Figures last, on one line.
enum TrainingLawsBenchmark {
  static func run() {
    var figures: [String: Any] = [:]
    var worstSeconds = 0.0
    var anchorsRight = 0
    for anchor in CountAnchors.all {
      let net = try! NetworkArchitecture(widths: anchor.widths, activation: anchor.activation)
      let start = Date()
      let count = try! LawEnumeration.count(net, flow: anchor.flow)
      let seconds = Date().timeIntervalSince(start)
      worstSeconds = max(worstSeconds, seconds)
      if count.count == anchor.expected && count.quadraticLawRank == anchor.expected { anchorsRight += 1 }
      print(
        "\(net) \(anchor.flow.rawValue): \(count.count) (expected \(anchor.expected)), \(String(format: "%.3f", seconds)) s"
      )
    }
    figures["anchors_right"] = anchorsRight
    figures["anchors"] = CountAnchors.all.count
    var generator = SeededGenerator(seed: 2023)
    var agree = 0
    for _ in 0..<50 {
      let widths = [
        1 + generator.nextIndex(below: 4), 1 + generator.nextIndex(below: 5),
        1 + generator.nextIndex(below: 3),
      ]
      let activation: HiddenActivation = generator.nextIndex(below: 2) == 0 ? .linear : .relu
      let flow: TrainingFlow =
        activation == .linear && generator.nextIndex(below: 3) == 0 ? .heavyBall : .gradient
      let net = try! NetworkArchitecture(widths: widths, activation: activation)
      let start = Date()
      let count = try! LawEnumeration.count(net, flow: flow, seed: generator.next())
      let seconds = Date().timeIntervalSince(start)
      worstSeconds = max(worstSeconds, seconds)
      if seconds > 0.5 {
        print(
          "slowest: \(net) \(flow.rawValue) \(String(format: "%.3f", seconds)) s, algebra of \(count.algebraDimension)"
        )
      }
      if count.count == count.formulaCount {
        agree += 1
      } else {
        print("disagrees: \(net) \(flow.rawValue) \(count.count) vs \(count.formulaCount ?? -1)")
      }
    }
    figures["random_agree"] = agree
    figures["count_worst_seconds"] = worstSeconds
    let net = try! NetworkArchitecture(widths: [3, 2, 2], activation: .linear)
    let study = try! DriftStudy(architecture: net)
    for run in study.runs {
      let key = run.optimiser.key + (run.weightDecay > 0 ? "_decay" : "")
      figures["drift_\(key)"] = run.relativeDrift
      if let residuals = run.stepResiduals { figures["residual_\(key)"] = residuals.max() ?? 0 }
    }
    figures["law_slope"] = study.slope.lawSlope
    figures["control_slope"] = study.slope.controlSlope
    for runs in [1, 10] {
      let result = discovered(loss: study.loss, laws: study.laws, runs: runs)
      figures["discovered_\(runs)_runs"] = result.laws
      figures["passing_\(runs)_runs"] = result.passing
      if runs == 10 { figures["gap_10_runs"] = result.gap }
    }
    var mseOnly = 0
    var bothGroups: [String] = []
    let rows = DataSymmetryExperiment.table()
    for (mse, logistic) in zip(rows.filter { $0.loss == .mse }, rows.filter { $0.loss == .logistic }) {
      if mse.count > logistic.count { mseOnly += 1 }
      if mse.group == .rotations && mse.model == .neuron {
        bothGroups = ["\(mse.count)", "\(logistic.count)"]
      }
    }
    figures["symmetry_mse_only_extra_rows"] = mseOnly
    figures["symmetry_control_mse_logistic"] = bothGroups.joined(separator: "/")
    let depth = DepthAdjointStudy()
    figures["depth_identity_residual"] = depth.identityResiduals.max() ?? 0
    let data = try! JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
  }

  /// Discovery on `runs` gradient-flow runs (poly2): laws reported, library directions
  /// passing the threshold, and the gap above them.
  static func discovered(loss: NetworkLoss, laws: [QuadraticLaw], runs: Int) -> (
    laws: Int, passing: Int, gap: Double
  ) {
    let system = GradientFlowSystem(loss: loss, laws: laws, runs: runs, points: runs == 1 ? 101 : 41)
    let data = try! DatasetGenerator().generate(system, protocol: system.referenceProtocol)
    let library = try! FeatureLibraryRegistry.shared.library("poly2")
    guard
      let result = try? InvariantDiscovery(library: library, librarySpec: "poly2").discover(
        data.trajectories, stateNames: system.stateNames, noise: data.noise)
    else { return (0, 0, 0) }
    return (
      result.invariants.invariantCount, result.spectrum.filter { $0 <= result.threshold }.count,
      result.exactCountGap ?? 0
    )
  }
}
