import ArgumentParser
import Foundation
import NoetherCore
import NoetherStore

/// `noether import`: a table of measurements (CSV, TSV, whitespace text) as a dataset in
/// Noether's layout, with its provenance (docs/measurements.md).
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Read a table of measurements (CSV, TSV or whitespace text) into a Noether dataset file.")

  @Argument(help: "The table: a trajectory column (optional), a time column and state columns.")
  var file: String

  @Option(help: "Names for all the table's columns, comma-separated (instead of its header).")
  var columns: String?

  @Option(help: "comma, tab or whitespace (default: from the extension, else the first line).")
  var delimiter: String?

  @Option(
    help: "The column numbering trajectories (default: one named trajectory or trial, else one trajectory).")
  var trajectoryColumn: String?

  @Option(help: "The time column (default: one named t or time).")
  var timeColumn: String?

  @Option(help: "The state columns, comma-separated (default: every other column).")
  var states: String?

  @Option(
    help:
      "Cut the record into gap-free pieces of this many samples (default: as recorded when every trajectory shares its times, else the largest length keeping 90 % of the samples in 4 pieces or more)."
  )
  var pieceLength: Int?

  @Option(
    help:
      "cut (the default): cut a record with dropped samples into gap-free pieces; keep: keep every trajectory whole with its own length and time stamps as measured (dropped samples and uneven steps kept as uneven steps)."
  )
  var gaps = "cut"

  @Option(
    help:
      "The fraction of trajectories or pieces, the last in time, kept for testing; with --split samples, of each trajectory's samples (default 0.2)."
  )
  var testFraction = 0.2

  @Option(
    help:
      "trajectories (the default): whole trajectories or pieces are tested; samples: each trajectory's last samples are tested and the rest trains (the HNN paper's split of its real pendulum)."
  )
  var split = "trajectories"

  @Option(
    help:
      "How ẋ is estimated: finite-difference (the default), first-difference, savitzky-golay[:window=W,order=P], total-variation[:alpha=A], or a name registered from Swift."
  )
  var derivatives: String?

  @Option(
    help:
      "The noise σ on the states, as the record's maker knows it: one for all, or one per state column in order (0.005,0.02); written to the file (default: estimated from the record, per column)."
  )
  var noise: NoiseOption?

  @Option(help: "The record's name, written as its system (default: the file's name without extension).")
  var name: String?

  @Option(help: "The dataset file to write (default: the table's name with .h5).")
  var out: String?

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  func validate() throws {
    if let pieceLength, pieceLength < 2 {
      throw ValidationError("--piece-length must be at least 2, got \(pieceLength).")
    }
    guard gaps == "cut" || gaps == "keep" else {
      throw ValidationError("--gaps must be cut or keep, got '\(gaps)'.")
    }
    if gaps == "keep", pieceLength != nil {
      throw ValidationError(
        "--piece-length cuts the record into pieces and --gaps keep keeps it whole; give one of them.")
    }
    guard split == "trajectories" || split == "samples" else {
      throw ValidationError("--split must be trajectories or samples, got '\(split)'.")
    }
    if !(testFraction >= 0 && testFraction < 1) {
      throw ValidationError("--test-fraction must be in [0, 1), got \(testFraction).")
    }
    if split == "samples", testFraction == 0 {
      throw ValidationError(
        "--split samples tests the last --test-fraction of each trajectory; give one above 0.")
    }
    if let problem = noise?.problem { throw ValidationError(problem) }
    if let delimiter, MeasuredTable.Delimiter(rawValue: delimiter) == nil {
      throw ValidationError("--delimiter must be comma, tab or whitespace, got '\(delimiter)'.")
    }
  }

  /// The import options these flags name.
  var options: RecordImport.Options {
    var options = RecordImport.Options()
    options.trajectoryColumn = trajectoryColumn
    options.timeColumn = timeColumn
    options.stateColumns = states.map(Self.list)
    options.pieceLength = pieceLength
    options.keepGaps = gaps == "keep"
    options.testFraction = testFraction
    options.splitSamples = split == "samples"
    options.derivatives = derivatives
    options.systemName = name
    options.noise = noise?.levels
    return options
  }

  static func list(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
  }

  func run() throws {
    let path = out ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".h5"
    try OutputPath.check(path, option: "--out", inputs: [file])
    let dataset = try cliResult {
      let table = try MeasuredTable.read(
        file, columns: columns.map(Self.list), delimiter: delimiter.flatMap(MeasuredTable.Delimiter.init))
      return try RecordImport.dataset(from: table, options: options)
    }
    try cliResult { try TrajectoryFile.write(dataset, to: path) }
    if !quiet {
      printError("wrote \(path): \(Self.summary(dataset))")
    }
  }

  /// `31 trajectories (25 train, 6 test) × 17 samples of theta, omega; noise estimated
  /// per component: theta 0.0042, omega 0.011; source …` (or the noise as given).
  static func summary(_ dataset: TrajectoryDataset) -> String {
    let set = dataset.trajectories
    let noise = zip(dataset.stateNames, dataset.noise.components ?? []).map {
      "\($0) \(NumberFormat.significant($1))"
    }
    let noiseText =
      switch dataset.noise.source {
      case .estimated: "noise estimated per component: \(noise.joined(separator: ", "))"
      case .given where !noise.isEmpty: "noise given per component: \(noise.joined(separator: ", "))"
      default: "noise given: \(dataset.noise)"
      }
    return
      "\(set.trajectoryCount) trajectories (\(set.indices(in: .train).count) train, \(set.indices(in: .test).count) test) × \(set.lengthText) samples of \(dataset.stateNames.joined(separator: ", ")); \(noiseText); from \(dataset.source)"
  }
}
