import ArgumentParser
import Foundation
import NoetherStore
import TrainingLaws

/// `noether training-laws report`: everything in one directory: the anchors' counts with
/// their laws, the recorded runs' drift (figure and HDF5), drift against η, the depth
/// study (figure and HDF5), and `summary.json`.
struct TrainingReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "Write a report directory: law counts and formulas, drift against steps per optimiser, drift against η, the adjoint through depth, with HDF5 and JSON."
  )

  @Option(help: "The directory to write (created if missing).")
  var out: String

  @Option(help: "Seed of every run.")
  var seed: UInt64 = 2023

  func run() throws {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let counts = try CountAnchors.all.map { anchor -> LawCount in
      let net = try cliResult {
        try NetworkArchitecture(widths: anchor.widths, activation: anchor.activation)
      }
      return try cliResult { try LawEnumeration.count(net, flow: anchor.flow, seed: seed) }
    }
    printError("counted \(counts.count) networks")
    let net = try cliResult { try NetworkArchitecture(widths: [3, 2, 2], activation: .linear) }
    let study = try cliResult { try DriftStudy(architecture: net, seed: seed) }
    printError("recorded \(study.runs.count) runs and the slope test")
    let depth = DepthAdjointStudy(seed: seed)
    printError("trained the residual network")
    let symmetry = DataSymmetryExperiment.table(seed: seed)
    printError("counted the data-symmetry table")
    func save(_ text: String, _ name: String) throws {
      try cliResult { try writeAtomically(Data(text.utf8), to: out + "/" + name) }
    }
    try save(TrainingLawFigures.driftAgainstSteps(study.runs), "drift-steps.svg")
    try save(TrainingLawFigures.driftAgainstLearningRate(study.slope), "drift-eta.svg")
    try save(TrainingLawFigures.adjointThroughDepth(depth), "depth.svg")
    try cliResult {
      try TrainingRunFile.write(study.runs, loss: study.loss, laws: study.laws, to: out + "/runs.h5")
    }
    try cliResult { try DepthAdjointFile.write(depth, to: out + "/depth.h5") }
    try cliResult { try LawCountFile.write(counts, symmetry: symmetry, to: out + "/counts.h5") }
    try save(
      TrainingReportPage.html(counts: counts, study: study, depth: depth, symmetry: symmetry), "index.html")
    let summary: [String: Any] = [
      "counts": counts.map {
        [
          "network": $0.architecture.description, "flow": $0.flow.rawValue, "count": $0.count,
          "formula_count": $0.formulaCount ?? -1, "quadratic_laws": $0.quadraticLaws.map(\.formula),
        ] as [String: Any]
      },
      "runs": study.runs.map {
        ["optimiser": $0.optimiser.key, "weight_decay": $0.weightDecay, "relative_drift": $0.relativeDrift]
          as [String: Any]
      },
      "law_slope": study.slope.lawSlope, "control_slope": study.slope.controlSlope,
      "depth_identity_residual": depth.identityResiduals.max() ?? 0,
      "symmetry": symmetry.map {
        [
          "model": $0.model.rawValue, "widths": [$0.widths.input, $0.widths.hidden, $0.widths.output],
          "augmentation": $0.group.rawValue, "loss": $0.loss.rawValue, "count": $0.count,
        ] as [String: Any]
      },
    ]
    let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .prettyPrinted])
    try cliResult { try writeAtomically(data, to: out + "/summary.json") }
    print(
      "wrote \(out)/index.html (figures drift-steps.svg, drift-eta.svg, depth.svg; counts.h5, runs.h5, depth.h5, summary.json)"
    )
  }
}

/// The report's page.
enum TrainingReportPage {
  static func html(
    counts: [LawCount], study: DriftStudy, depth: DepthAdjointStudy, symmetry: [DataSymmetryExperiment.Row]
  ) -> String {
    func escape(_ s: String) -> String {
      s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
    var rows = ""
    for c in counts {
      let laws = c.quadraticLaws.prefix(3).map { "<code>\(escape($0.formula))</code>" }.joined(
        separator: "<br>")
      rows +=
        "<tr><td>\(escape(c.architecture.description))</td><td>\(c.flow.rawValue)</td><td>\(c.count)</td><td>\(c.formulaCount.map(String.init) ?? "–")</td><td>\(laws)\(c.quadraticLaws.count > 3 ? "<br>…" : "")</td></tr>\n"
    }
    var runs = ""
    for r in study.runs {
      let residual =
        r.stepResiduals.map { String(format: "%.2e", $0.max() ?? 0) } ?? "measured (no closed form)"
      runs +=
        "<tr><td>\(escape(r.optimiser.description))</td><td>\(r.learningRate)</td><td>\(r.weightDecay)</td><td>\(String(format: "%.3e", r.relativeDrift))</td><td>\(residual)</td></tr>\n"
    }
    var symmetryRows = ""
    for (mse, logistic) in zip(symmetry.filter { $0.loss == .mse }, symmetry.filter { $0.loss == .logistic })
    {
      let model =
        mse.model == .neuron
        ? "neuron (\(mse.widths.input))"
        : "linear (\(mse.widths.input),\(mse.widths.hidden),\(mse.widths.output))"
      symmetryRows +=
        "<tr><td>\(model)</td><td>\(mse.group.rawValue)</td><td>\(mse.count)</td><td>\(logistic.count)</td></tr>\n"
    }
    return """
      <!doctype html><html><head><meta charset="utf-8"><title>Conservation laws of training</title></head><body>
      <h1>Conservation laws of training</h1>
      <h2>How many, and which (D − dim Lie(W) at a generic point)</h2>
      <table border="1" cellpadding="4"><tr><th>network</th><th>flow</th><th>count</th><th>closed form</th><th>laws of degree ≤ 2</th></tr>
      \(rows)</table>
      <h2>Drift under discrete optimisers (linear (3,2,2), 20 points, MSE)</h2>
      <table border="1" cellpadding="4"><tr><th>optimiser</th><th>η</th><th>λ</th><th>relative drift after \(study.runs.first?.steps ?? 0) steps</th><th>worst one-step residual against the closed form</th></tr>
      \(runs)</table>
      <p><img src="drift-steps.svg" alt="drift against steps"></p>
      <p>Slope test: the laws' drift at training time 2 has slope \(String(format: "%.3f", study.slope.lawSlope)) against η; ‖W1‖², not a law, \(String(format: "%.3f", study.slope.controlSlope)).</p>
      <p><img src="drift-eta.svg" alt="drift against learning rate"></p>
      <h2>Data symmetry: laws under MSE and a logistic loss</h2>
      <table border="1" cellpadding="4"><tr><th>model</th><th>augmentation</th><th>MSE</th><th>logistic</th></tr>
      \(symmetryRows)</table>
      <h2>Depth as time</h2>
      <p>Residual network of \(depth.network.depth) blocks; loss \(String(format: "%.3e", depth.finalLoss)). The summed adjoint changes through block l by exactly W1ᵀ∂L/∂b1 (largest residual \(String(format: "%.1e", depth.identityResiduals.max() ?? 0))), at most \(String(format: "%.2e", depth.predictedChanges.max() ?? 0)) after training; each cluster's sum changes by up to \(String(format: "%.2e", depth.clusterChanges.flatMap { $0 }.max() ?? 0)).</p>
      <p><img src="depth.svg" alt="summed adjoint through depth"></p>
      </body></html>
      """
  }
}
