import Discovery
import Foundation
import NoetherCompare
import NoetherCore
import NoetherStore
import SINDy
import Testing

@testable import NoetherCLI

/// Tables of measurements in: read, checked, cut, imported, and used by `discover` and
/// `compare` with no registered system, scored against the measured test trajectories.
@Suite(.serialized) struct MeasuredRecordTests {
  let dir = temporaryDirectory()

  /// `../shared/data/real/NAME` beside the package.
  static func realRecord(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("shared/data/real/\(name)").path
  }

  func write(_ name: String, _ text: String) throws -> String {
    let path = dir + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// The README's "Your own measurements" commands, each word a `noether` argument.
  static func readmeCommands() throws -> [[String]] {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let start = try #require(text.range(of: "<!-- measurements:"))
    let end = try #require(text.range(of: "<!-- end measurements -->"))
    return text[start.upperBound..<end.lowerBound].split(separator: "\n").filter {
      $0.hasPrefix("scripts/noether ")
    }.map { $0.split(separator: " ").dropFirst().map(String.init) }
  }

  /// The README's commands on the real pendulum: 556 samples with 12 dropped in 10 gaps,
  /// cut into 31 pieces of 17 (527 samples kept), the last 7 for testing; discover and
  /// compare run on it with no --system, the comparison on the 7 measured test pieces.
  @Test func theRealPendulumImportsAndRunsWithoutASystem() throws {
    let record = Self.realRecord("real_pend_h_1.txt")
    try #require(FileManager.default.fileExists(atPath: record), "../shared/data/real is beside the package")
    for command in try Self.readmeCommands() {
      var arguments = command.map { word -> String in
        if word.hasPrefix("../shared/data/real/") { return record }
        return word.hasSuffix(".h5") ? dir + "/" + word : word
      }
      if arguments.first == "compare" { arguments += ["--epochs", "3", "--quiet"] }
      if arguments.first == "import" { arguments.append("--quiet") }
      try run(arguments)
    }
    let data = dir + "/pend.h5"
    let dataset = try TrajectoryFile.read(from: data)
    #expect(dataset.systemName == "real_pend_h_1" && dataset.stateNames == ["theta", "omega"])
    let set = dataset.trajectories
    #expect(set.trajectoryCount == 31 && set.pointCount == 17 && set.indices(in: .test) == Array(24..<31))
    #expect(dataset.source.contains("10 gap(s)") && dataset.source.contains("29 of 556 samples left out"))
    #expect(abs(set.times[1] - 1.0 / 6) < 1e-9)
    // Every imported state is a row of the record, bit for bit.
    let rows = Set(
      try String(contentsOfFile: record, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst().map {
        $0.split(separator: " ").suffix(2).compactMap { Double($0) }
      })
    #expect(
      stride(from: 0, to: set.states.count, by: 2).allSatisfy {
        rows.contains([set.states[$0], set.states[$0 + 1]])
      })
    #expect(dataset.noise.components?.count == 2)
    try checkTheEnergy(dataset)
    let comparison = try ResultsFile.read(from: dir + "/pend-results.h5")
    #expect(comparison.evaluation == "scored against the 7 measured test trajectories")
    // The energy, approximately conserved, scored on every model (--laws).
    #expect(comparison.runs.allSatisfy { ($0.metrics["law:approximate"] ?? .nan) > 0 })
    let seed = try #require(comparison.seeds.first)
    #expect(comparison.truth[seed] == set.testing.states)
    #expect(comparison.evaluationTimes == set.times)
    #expect(comparison.methods == ["baseline", "sindy", "hnn"])
    #expect(ComparisonReport(comparison).rows.allSatisfy { $0[1] == "ok 7/7" })
    let line = errorLine([
      "compare", "--data", data, "--evaluate", "system", "--out", dir + "/x.h5", "--quiet",
    ])
    #expect(line?.contains("is a measured record with no equations") == true, "\(line ?? "accepted")")
  }

  /// The pendulum's energy, which friction drains: no law, and ω² − 2k cos θ approximately
  /// conserved, with k within 5 % of the least-squares fit of ω̇ = −k sin θ − c ω on the
  /// record's own derivatives (Schmidt & Lipson's law, found in this record), decreasing on
  /// most pieces.
  func checkTheEnergy(_ dataset: TrajectoryDataset) throws {
    let set = dataset.trajectories
    let result = try InvariantDiscovery(library: try FeatureLibraryRegistry.shared.library("poly2+trig"))
      .discover(set, stateNames: dataset.stateNames, noise: dataset.noise)
    #expect(result.laws.isEmpty)
    let law = try #require(result.approximate)
    let terms = try FeatureLibraryRegistry.shared.library("poly2+trig").featureNames(
      stateNames: dataset.stateNames)
    #expect(
      terms.indices.filter { law.coefficients[$0] != 0 }.map { terms[$0] } == ["omega^2", "cos(theta)"])
    let k = -law.coefficients[terms.firstIndex(of: "cos(theta)")!] / 2
    // Least squares of ω̇ on (sin θ, ω): the normal equations of two unknowns.
    var (a11, a12, a22, b1, b2) = (0.0, 0.0, 0.0, 0.0, 0.0)
    for i in stride(from: 0, to: set.states.count, by: 2) {
      let (s, w, dw) = (sin(set.states[i]), set.states[i + 1], set.derivatives[i + 1])
      (a11, a12, a22, b1, b2) = (a11 + s * s, a12 + s * w, a22 + w * w, b1 + s * dw, b2 + w * dw)
    }
    let fitted = -(b1 * a22 - b2 * a12) / (a11 * a22 - a12 * a12)
    #expect(abs(k / fitted - 1) < 0.05, "k \(k), least squares \(fitted)")
    #expect(law.decreasing * 3 >= law.trajectories * 2, "\(law.decreasing) of \(law.trajectories)")
  }

  /// A CSV with comments, CRLF line ends, a header and two trials on the same times is
  /// kept as recorded: two trajectories, the second for testing, values exact.
  @Test func aCSVWithTrialsOnTheSameTimesIsKeptAsRecorded() throws {
    let path = try write(
      "two.csv",
      "# lab notebook\r\ntrial,time,x,v\r\n1,0,1.0,0.0\r\n1,0.5,0.9,-0.4\r\n1,1.0,0.6,-0.8\r\n2,0,2.0,0.5\r\n2,0.5,2.1,0.1\r\n2,1.0,2.0,-0.3\r\n"
    )
    let dataset = try RecordImport.dataset(from: try MeasuredTable.read(path))
    let withMark = try write("mark.csv", "\u{FEFF}" + (try String(contentsOfFile: path, encoding: .utf8)))
    #expect(try MeasuredTable.read(withMark).columnNames == ["trial", "time", "x", "v"])
    let set = dataset.trajectories
    #expect(dataset.stateNames == ["x", "v"] && set.trajectoryCount == 2 && set.pointCount == 3)
    #expect(set.split == [.train, .test] && set.times == [0, 0.5, 1])
    #expect(set.states == [1, 0, 0.9, -0.4, 0.6, -0.8, 2, 0.5, 2.1, 0.1, 2, -0.3])
    #expect(dataset.source.contains("2 trajectory(ies) of 3 samples at step 0.5, as recorded"))
  }

  /// Trials sampled at the same uneven times, one sample dropped: refused when cutting
  /// (no step grid), kept whole with `--gaps keep` (times as measured, ẋ by finite
  /// differences on the uneven grid, second order), and compared on the measured test
  /// trajectory at those times.
  @Test func unevenStepsAndGapsAreKeptWhole() throws {
    let times = (0..<41).filter { $0 != 20 }.map { 0.1 * Double($0) + 0.02 * sin(Double($0)) }
    func table(jitter: Double) -> String {
      var rows = ["trial,t,q,p"]
      for trial in 0..<6 {
        let (a, phase) = (0.5 + 0.1 * Double(trial), 0.4 * Double(trial))
        for (k, t) in times.enumerated() {
          let stamp = 10 * Double(trial) + t + (trial == 3 && k == 7 ? jitter : 0)
          rows.append("\(trial),\(stamp),\(a * cos(t + phase)),\(-a * sin(t + phase))")
        }
      }
      return rows.joined(separator: "\n") + "\n"
    }
    let path = try write("uneven-trials.csv", table(jitter: 0))
    let refused = errorLine(["import", path, "--out", dir + "/u.h5", "--quiet"])
    #expect(refused?.contains("--gaps keep") == true, "\(refused ?? "accepted")")
    try run(["import", path, "--gaps", "keep", "--out", dir + "/u.h5", "--quiet"])
    let dataset = try TrajectoryFile.read(from: dir + "/u.h5")
    let set = dataset.trajectories
    #expect(set.trajectoryCount == 6 && set.pointCount == 40 && set.split.filter { $0 == .test }.count == 2)
    #expect(zip(set.times, times).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(
      dataset.source.contains("kept whole with their shared time stamps")
        && dataset.source.contains("steps uneven"))
    // ẋ = (−a sin, −a cos) at interior samples: central differences on the uneven grid.
    var worst = 0.0
    for trial in 0..<6 {
      let (a, phase) = (0.5 + 0.1 * Double(trial), 0.4 * Double(trial))
      for k in 1..<39 {
        let i = (trial * 40 + k) * 2
        worst = max(worst, abs(set.derivatives[i] + a * sin(times[k] + phase)))
        worst = max(worst, abs(set.derivatives[i + 1] + a * cos(times[k] + phase)))
      }
    }
    #expect(worst < 0.02, "largest interior ẋ error \(worst)")
    try run([
      "compare", "--data", dir + "/u.h5", "--methods", "sindy", "--out", dir + "/u-results.h5", "--quiet",
    ])
    let record = try ResultsFile.read(from: dir + "/u-results.h5")
    #expect(record.evaluationTimes == set.times)
    #expect(try #require(record.runs.first).mse < 1e-4)
    // A trial with one time stamp moved keeps its own times (`RaggedRecordTests`).
    let moved = try write("moved.csv", table(jitter: 0.03))
    try run(["import", moved, "--gaps", "keep", "--out", dir + "/m.h5", "--quiet"])
    let own = try TrajectoryFile.read(from: dir + "/m.h5").trajectories
    #expect(!own.sharesTimes && abs(own.times(of: 3)[7] - own.times(of: 2)[7] - 0.03) < 1e-12)
    let both = errorLine(["import", path, "--gaps", "keep", "--piece-length", "5", "--out", dir + "/b.h5"])
    #expect(both?.contains("give one of them") == true, "\(both ?? "accepted")")
  }

  /// A CSV with a header goes straight into `discover --data` and `compare --data`.
  @Test func aTableIsTakenDirectlyAsData() throws {
    var rows = ["trial,t,q,p"]
    for trial in 0..<6 {
      let (a, phase) = (0.5 + 0.1 * Double(trial), 0.3 * Double(trial))
      for k in 0..<20 {
        let t = 0.1 * Double(k)
        rows.append("\(trial),\(t),\(a * cos(t + phase)),\(-a * sin(t + phase))")
      }
    }
    let path = try write("oscillator.csv", rows.joined(separator: "\n") + "\n")
    try run(["inspect", path])
    try run(["discover", "--data", path, "--library", "poly2", "--out", dir + "/laws.h5"])
    try run(["compare", "--data", path, "--methods", "sindy", "--out", dir + "/osc.h5", "--quiet"])
    let record = try ResultsFile.read(from: dir + "/osc.h5")
    #expect(
      record.systemName == "oscillator"
        && record.evaluation == "scored against the 2 measured test trajectories")
    #expect(try #require(record.runs.first).mse < 1e-4)
  }

  /// A lab's HDF5 file of `states` and `time` only, no system named: a record of its own
  /// (named after the file), derivatives by finite differences; discover and compare run.
  @Test func aFileOfStatesAndTimesAloneIsARecord() throws {
    let path = dir + "/lab.h5"
    let times = (0..<20).map { 0.1 * Double($0) }
    var states = [Double]()
    for k in 0..<6 {
      let a = 0.5 + 0.2 * Double(k)
      for t in times { states += [a * cos(t), -a * sin(t)] }
    }
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.create(path)
      try file.write("states", doubles: states, shape: [6, 20, 2])
      try file.write("time", doubles: times, shape: [20])
    }
    try run(["discover", "--data", path, "--library", "poly2"])
    try run(["compare", "--data", path, "--methods", "sindy", "--out", dir + "/lab-results.h5", "--quiet"])
    let record = try ResultsFile.read(from: dir + "/lab-results.h5")
    #expect(
      record.systemName == "lab" && record.evaluation == "scored against the 3 measured test trajectories")
  }

  /// Each fault is one line naming the file and, where one is at fault, the line.
  @Test(arguments: [
    ("ragged.csv", "t,x,y\n0,1,2\n1,2\n", ":3: has 2 fields where line 1 has 3"),
    ("text.csv", "t,x\n0,1\n1,abc\n", ":3: column 'x' holds 'abc', not a number"),
    ("empty.csv", "t,x,y\n0,1,2\n1,,3\n", ":3: column 'x' is empty"),
    ("nan.csv", "t,x\n0,1\n1,nan\n", ":3: column 'x' is nan, not a finite number"),
    ("back.csv", "t,x\n0,1\n2,2\n1,3\n", ":4: time 1 does not increase after 2 (line 3)"),
    ("single.csv", "trial,t,x\n1,0,1\n1,1,2\n2,0,5\n", ":4: trajectory 2 has one sample"),
    ("notime.csv", "a,x\n0,1\n1,2\n", ": has no column named t or time"),
    ("uneven.csv", "t,x\n0,1\n1,2\n2,3\n2.5,4\n", ":5: the step from time 2.0 to 2.5 is 0.5"),
    ("blank.csv", "# nothing\n\n", ": holds no data rows"),
  ])
  func badTablesGetOneLineNamingTheLine(_ name: String, _ text: String, _ expected: String) throws {
    let path = try write(name, text)
    let line = errorLine(["import", path, "--out", dir + "/\(name).h5", "--quiet"])
    #expect(line?.hasPrefix(path + expected) == true, "\(line ?? "accepted")")
    #expect(line?.contains("\n") == false)
  }

  @Test func aColumnThatIsNotThereIsNamedWithTheChoices() throws {
    let path = try write("cols.csv", "t,x,y\n0,1,2\n1,2,3\n2,3,4\n")
    let line = errorLine(["import", path, "--states", "x,z", "--out", dir + "/cols.h5", "--quiet"])
    #expect(line == "\(path): has no column 'z' (--states); its columns are t, x, y (or 1…3 by position).")
  }

  /// The lynx–hare record is one trajectory of 21 years: imported all for training, so
  /// `compare` says it has no test trajectories.
  @Test func oneTrajectoryIsAllTraining() throws {
    let record = Self.realRecord("hudson-bay-lynx-hare.csv")
    try #require(FileManager.default.fileExists(atPath: record))
    let data = dir + "/lynx.h5"
    try run(["import", record, "--time-column", "Year", "--out", data, "--quiet"])
    let dataset = try TrajectoryFile.read(from: data)
    #expect(dataset.stateNames == ["Lynx", "Hare"] && dataset.trajectories.split == [.train])
    #expect(dataset.trajectories.pointCount == 21)
    let line = errorLine([
      "compare", "--data", data, "--methods", "baseline", "--out", dir + "/l.h5", "--quiet",
    ])
    #expect(line?.contains("needs both training and test trajectories") == true, "\(line ?? "accepted")")
    // On one curve the curve's own equation passes any constancy test: no law claimed
    // (the tool used to report 2, among them p − 34 ln p).
    let discovery = InvariantDiscovery(library: try FeatureLibraryRegistry.shared.library("poly1+log"))
    let result = try discovery.discover(
      dataset.trajectories, stateNames: dataset.stateNames, noise: dataset.noise)
    #expect(result.laws.isEmpty)
    #expect(!result.rejected.isEmpty && result.rejected.allSatisfy { $0.rule == .singleTrajectory })
  }
}
