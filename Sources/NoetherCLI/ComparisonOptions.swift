import ArgumentParser
import NoetherCompare
import SINDy

/// The options that define a comparison's computation beyond its data: declared once,
/// here, and used by `noether compare` (`@OptionGroup`) and by a sweep spec, whose fields
/// of the same names (in snake case: `step_projection`, `lr_drop`) are parsed by this
/// same declaration (`SweepSpec`). ``apply(to:)`` is the one mapping onto a
/// ``ComparisonRequest``, so an option added here reaches `compare` and sweeps alike.
struct ComparisonOptions: ParsableArguments {
  @Option(
    help:
      "Comma-separated methods (registered: \(MethodRegistry.shared.names.joined(separator: ","))); default \(MethodRegistry.shared.defaultNames.joined(separator: ","))."
  )
  var methods: String?

  @Option(help: "The protocol: reference (the reference code's settings) or paper (the paper's Table 4).")
  var `protocol` = NamedProtocol.reference.rawValue

  @Option(help: "Epochs of every network (default 1000, the reference's); small values make quick checks.")
  var epochs: Int?

  @Option(help: "The method every other one is paired with seed by seed (default baseline).")
  var reference = "baseline"

  @Option(
    help:
      "The invariants concernet-exact enforces: discovered (from the training data, the default), known (the system's), or an invariants file from `noether discover --out`."
  )
  var enforce: String?

  @Option(
    help:
      "Project every rollout back onto the initial values of these invariants after each step: known or discovered."
  )
  var stepProjection: String?

  @Option(
    help:
      "Score every model on the quantities of an invariants file from `noether discover --out` (its conservation laws, balance laws and approximately conserved combination): a column 'violation NAME' each, the mean of (C(model) − C(truth))² over the evaluation times."
  )
  var laws: String?

  @Option(
    help:
      "The feature library conservation laws are discovered on (concernet-exact, --step-projection discovered), as in `noether discover --library` (default: the system's)."
  )
  var library: String?

  @Option(
    help:
      "Discover balance laws dC/dt = s too, with sources in this library (e.g. poly2), and enforce them with the conservation laws (concernet-exact, the soft penalty and --step-projection with discovered laws)."
  )
  var sources: String?

  @Option(
    help:
      "SINDy's feature library: polyN (polynomials up to degree N), names registered from Swift, joined by + (default poly2)."
  )
  var sindyLibrary: String?

  @Option(help: "SINDy's sparsity threshold: coefficients below it are cut (default 0.1).")
  var sindyThreshold: Double?

  @Option(help: "SINDy's ridge penalty in each least-squares fit (default 0.05).")
  var sindyRidge: Double?

  @Option(help: "Number of invariants ConCerNet and the soft penalty learn (default 1, the reference's).")
  var invariants = 1

  @Option(
    help:
      "With --invariants above 1: learn the invariants one after another, weighting by this the penalty on each one's gradient aligning with the earlier ones' (default 0: one network with m outputs, the reference's)."
  )
  var independence: Double = 0

  @Option(
    help:
      "Multiply the dynamics networks' learning rate by this for their last quarter of epochs (default 1: constant, the reference's; 0.1 lets Adam settle)."
  )
  var lrDrop: Double = 1

  @Flag(
    help:
      "Regress every model's invariants onto the system's discovery library and print each as a formula with its R² (notes under the table)."
  )
  var distill = false

  @Option(
    help:
      "What models are scored against: data (the --data file's measured test trajectories; the default with --data) or system (the system's equations from drawn initial states; the default without)."
  )
  var evaluate: String?

  @Flag(
    help:
      "Run the HNN on a system that declares no canonical (q, p) pairs, taking the first half of the state as q and the second as p (the run says so)."
  )
  var assumeCanonical = false

  func validate() throws {
    if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs).") }
    if invariants < 1 { throw ValidationError("--invariants must be at least 1, got \(invariants).") }
    if !(independence >= 0 && independence.isFinite) {
      throw ValidationError("--independence must be a finite number ≥ 0, got \(independence).")
    }
    if independence > 0 && invariants < 2 {
      throw ValidationError("--independence applies to several invariants; add --invariants 2 (or more).")
    }
    if let evaluate, EvaluationTruth(rawValue: evaluate) == nil {
      throw ValidationError("--evaluate must be data or system, got '\(evaluate)'.")
    }
    if !(lrDrop > 0 && lrDrop <= 1) {
      throw ValidationError("--lr-drop must be in (0, 1], got \(lrDrop).")
    }
    for (name, value) in [("--sindy-threshold", sindyThreshold), ("--sindy-ridge", sindyRidge)] {
      if let value, !(value >= 0 && value.isFinite) {
        throw ValidationError("\(name) must be a finite number ≥ 0, got \(value).")
      }
    }
    if let sources {
      guard (try? FeatureLibraryRegistry.shared.library(sources)) != nil else {
        throw ValidationError(
          "--sources '\(sources)' is not a library: polyN, central, log, trig or names registered from Swift, joined by + (e.g. poly2)."
        )
      }
      if let methods, !methods.contains("concernet-exact"),
        !methods.contains("soft") || enforce != "discovered",
        stepProjection != "discovered"
      {
        throw ValidationError(
          "--sources names the sources balance laws are discovered with (concernet-exact, soft with --enforce discovered, --step-projection discovered), and nothing here discovers."
        )
      }
    }
    if library != nil, let methods, !methods.contains("concernet-exact"), enforce != "discovered",
      stepProjection != "discovered"
    {
      throw ValidationError(
        "--library names the library conservation laws are discovered on (concernet-exact, --enforce discovered, --step-projection discovered), and nothing here discovers; SINDy's library is --sindy-library."
      )
    }
  }

  /// Sets the request's fields these options name.
  func apply(to request: inout ComparisonRequest) {
    request.methods = methods.map {
      $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
    request.protocolName = self.protocol
    request.epochs = epochs
    request.referenceMethod = reference
    request.enforce = enforce
    request.stepProjection = stepProjection
    request.laws = laws
    request.discoveryLibrary = library
    request.discoverySources = sources
    request.library = sindyLibrary
    request.sindyThreshold = sindyThreshold
    request.sindyRidge = sindyRidge
    request.invariantCount = invariants
    request.invariantIndependence = independence
    request.finalLearningRateFactor = lrDrop
    request.distill = distill
    request.assumeCanonical = assumeCanonical ? true : nil
    request.evaluate = evaluate
  }

  /// The options' long names (`step-projection`), in declaration order, read off the
  /// declaration itself: what a sweep spec may set under the same names in snake case.
  static var names: [String] { optionNames(of: Self()) }
}
