import Foundation
import NoetherCompare
import NoetherCore
import NoetherStore
import Testing

@testable import NoetherCLI

/// The message of the error `arguments` raise (parsing, validation or running), or nil.
func errorLine(_ arguments: [String]) -> String? {
  do {
    try run(arguments)
    return nil
  } catch {
    return NoetherCommand.message(for: error)
  }
}

/// Bad options, outputs and data files get one line naming the problem, before any work.
@Suite(.serialized) struct InputCheckTests {
  let dir = temporaryDirectory()

  func springFile() throws -> String {
    let path = dir + "/spring.h5"
    if !FileManager.default.fileExists(atPath: path) {
      try run([
        "generate", "--system", "spring-mass", "--trajectories", "4", "--points", "10", "--out", path,
        "--quiet",
      ])
    }
    return path
  }

  @Test func outputsAreCheckedBeforeAnyWork() throws {
    let data = try springFile()
    let cases: [([String], String)] = [
      (
        ["compare", "--out", dir + "/missing/x.h5", "--epochs", "1"],
        "the directory '\(dir)/missing' does not exist"
      ),
      (["compare", "--data", data, "--out", data], "is the input file"),
      (["compare", "--out", "", "--epochs", "1"], "--out is empty"),
      (["compare", "--out", dir, "--epochs", "1"], "is a directory"),
      (["generate", "--system", "kepler", "--out", "/dev/null"], "not a regular file"),
      (["compare", "--seeds", "4294967296"], "seeds must be in 1…100000"),
      (["compare", "--seeds", "9223372036854775807"], "seeds must be in 1…100000"),
      (
        ["generate", "--system", "kepler", "--trajectories", "999999999999", "--out", dir + "/k.h5"],
        "--trajectories must be in"
      ),
      (["compare", "--data", data, "--noise", "nan"], "--noise must be a finite number ≥ 0"),
      (["compare", "--data", data, "--system", "chemical-kinetics"], "holds spring-mass data"),
    ]
    for (arguments, expected) in cases {
      let start = Date()
      let line = errorLine(arguments)
      #expect(line?.contains(expected) == true, "\(arguments): \(line ?? "accepted")")
      #expect(line?.contains("\n") == false)
      #expect(Date().timeIntervalSince(start) < 5, "\(arguments) did work before refusing")
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/k.h5"))
  }

  @Test func generateRefusesNoiseThatMakesTheDataInfinite() throws {
    let line = errorLine([
      "generate", "--system", "spring-mass", "--noise", "1e308", "--out", dir + "/inf.h5",
    ])
    #expect(line?.contains("infinite or NaN; nothing was written") == true, "\(line ?? "accepted")")
    #expect(!FileManager.default.fileExists(atPath: dir + "/inf.h5"))
  }

  @Test func writingFollowsSymlinksKeepsTheModeAndCleansDeadTemporaries() throws {
    let data = try springFile()
    let target = dir + "/target.h5"
    try FileManager.default.copyItem(atPath: data, toPath: target)
    chmod(target, 0o600)
    try FileManager.default.createSymbolicLink(atPath: dir + "/link.h5", withDestinationPath: "target.h5")
    // A temporary file of a writer that died (no process has PID 2^22 + 1 here).
    let stale = dir + "/.target.h5.4194305.7.tmp"
    #expect(FileManager.default.createFile(atPath: stale, contents: Data([1, 2, 3])))
    try run([
      "generate", "--system", "kepler", "--trajectories", "2", "--points", "5", "--out", dir + "/link.h5",
      "--quiet",
    ])
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.h5")) == "target.h5")
    #expect(try TrajectoryFile.read(from: target).systemName == "kepler")
    var info = stat()
    stat(target, &info)
    #expect(info.st_mode & 0o777 == 0o600)
    #expect(!FileManager.default.fileExists(atPath: stale))
  }

  @Test func nonFiniteValuesAndNonIncreasingTimeAreRefusedWithTheirPosition() throws {
    let good = try TrajectoryFile.read(from: try springFile())
    var states = good.trajectories.states
    states[2 * 10 * 2 + 3 * 2 + 1] = .nan
    states[50] = .infinity
    var bad = good
    bad.trajectories = try TrajectorySet(
      times: good.trajectories.times, states: states, derivatives: good.trajectories.derivatives,
      dimension: 2,
      split: good.trajectories.split)
    try TrajectoryFile.write(bad, to: dir + "/nan.h5")
    let line = errorLine(["inspect", dir + "/nan.h5"])
    #expect(
      line?.contains("'states' holds 2 non-finite values (NaN or infinite), the first nan at [2, 3, 1]")
        == true,
      "\(line ?? "accepted")")

    var times = good.trajectories.times
    times[4] = times[3]
    bad.trajectories = try TrajectorySet(
      times: times, states: good.trajectories.states, derivatives: good.trajectories.derivatives,
      dimension: 2,
      split: good.trajectories.split)
    try TrajectoryFile.write(bad, to: dir + "/time.h5")
    #expect(errorLine(["inspect", dir + "/time.h5"])?.contains("'time' is not increasing: time[4]") == true)
  }

  @Test func aFileLabelledWithAnotherSystemIsRefusedByInspectAndCompare() throws {
    var dataset = try TrajectoryFile.read(from: try springFile())
    dataset.systemName = "kepler"
    try TrajectoryFile.write(dataset, to: dir + "/mislabelled.h5")
    let line = errorLine(["inspect", dir + "/mislabelled.h5"])
    #expect(
      line?.contains("says kepler (dimension 4), but its states have dimension 2") == true,
      "\(line ?? "accepted")")
    #expect(
      errorLine(["compare", "--system", "kepler", "--data", dir + "/mislabelled.h5", "--epochs", "1"]) != nil)
  }

  @Test func aDatasetDeclaringMoreThanItsFileHoldsIsRefusedBeforeAllocating() throws {
    guard let python = interopPython() else { return }
    let path = dir + "/huge.h5"
    let script = """
      import h5py, numpy as np
      with h5py.File('\(path)', 'w') as f:
          f.create_dataset('states', shape=(2000000000, 30, 2), dtype='f8', chunks=(1, 30, 2), compression='gzip')
          f.create_dataset('derivatives', shape=(2000000000, 30, 2), dtype='f8', chunks=(1, 30, 2), compression='gzip')
          f['time'] = np.linspace(0, 1, 30)
          f.attrs['system'] = 'spring-mass'
      """
    let (status, _) = try runProgram(python, ["-c", script])
    #expect(status == 0)
    let line = errorLine(["inspect", path])
    #expect(line?.contains("declares 120000000000 values") == true, "\(line ?? "accepted")")
  }
}

/// ẋ = −1, ẏ = 0 with the "invariant" ln x: the rollout from x ≈ 2 crosses x = 0 near
/// t = 2, where ln x stops being defined.
struct Drain: DynamicalSystem {
  /// How long the evaluation rollouts run: past 2.2 every one crosses x = 0.
  var horizon = 4.0
  /// How many evaluation rollouts.
  var evaluationCount = 3
  var name: String { "drain" }
  var dimension: Int { 2 }
  var stateNames: [String] { ["x", "y"] }
  var referenceProtocol: ReferenceProtocol {
    ReferenceProtocol(
      name: "drain", trajectoryCount: 10, trainingCount: 5, pointCount: 20, duration: 1,
      evaluationHorizon: horizon, evaluationPointCount: 41, evaluationTrajectoryCount: evaluationCount,
      noise: 0)
  }
  func derivatives(at x: StateBatch) -> StateBatch {
    var f = StateBatch(zeros: x.count, dimension: 2)
    for i in 0..<x.count { f[i, 0] = -1 }
    return f
  }
  var invariants: [KnownInvariant] {
    [
      KnownInvariant(
        name: "log-x", formula: "ln x", value: { x in (0..<x.count).map { Foundation.log(x[$0, 0]) } },
        gradient: { x in
          var g = StateBatch(zeros: x.count, dimension: 2)
          for i in 0..<x.count { g[i, 0] = 1 / x[i, 0] }
          return g
        })
    ]
  }
  func sampleInitialStates(
    count: Int, for purpose: SamplingPurpose, using generator: inout SeededGenerator
  ) -> StateBatch {
    var x = StateBatch(zeros: count, dimension: 2)
    for i in 0..<count {
      x[i, 0] = generator.uniform(1.8, 2.2)
      x[i, 1] = generator.uniform(-1, 1)
    }
    return x
  }
}

/// Every evaluation rollout crosses x = 0 before t = 4: none completes, so the run fails
/// and says why, with the first rollout's time.
@Test func aRunWhoseRolloutsAllLeaveTheDomainFailsAndSaysWhen() throws {
  let system = Drain()
  let methods = try MethodRegistry.shared.methods(named: ["sindy"], options: MethodOptions(), for: system)
  let record = try ComparisonRunner().run(Experiment(system: system, methods: methods))
  let run = try #require(record.runs.first)
  #expect(run.metrics["violation:log-x"] == nil)
  #expect(run.rolloutStatuses.map(\.label) == Array(repeating: "left the domain of log-x", count: 3))
  guard case .failed(let reason) = run.outcome else {
    Issue.record("a run without a usable rollout was reported as \(run.outcome.label)")
    return
  }
  #expect(
    reason.hasPrefix(
      "no evaluation rollout completed: 3 of 3 evaluation rollouts left out of the metrics: 3 left the domain of log-x (the first, rollout 1: left the domain where log-x is defined at t = "
    ),
    "\(reason)")
  #expect(ComparisonReport(record).rows[0][1] == "1/1 failed")
}

/// Over t ∈ [0, 2], the rollouts that start at x₀ < 2 cross x = 0 and the others do not:
/// the metrics are over the latter, their count is the table's `ok k/8`, and the
/// violation of ln x is finite.
@Test func aMinorityOfUndefinedRolloutsIsCountedNotFailed() throws {
  let system = Drain(horizon: 2, evaluationCount: 8)
  let methods = try MethodRegistry.shared.methods(named: ["sindy"], options: MethodOptions(), for: system)
  let record = try ComparisonRunner().run(Experiment(system: system, methods: methods))
  let run = try #require(record.runs.first)
  let truth = try #require(record.truth[run.seed])
  let steps = record.evaluationTimes.count
  let starts = (0..<8).map { truth[$0 * steps * 2] }
  let inside = starts.filter { $0 > 2 }.count
  #expect(inside > 0 && inside < 8, "starts \(starts)")
  #expect(run.outcome == .completed)
  #expect(run.rolloutStatuses.countingInMetrics == inside)
  for (start, status) in zip(starts, run.rolloutStatuses) {
    #expect(status.countsInMetrics == (start > 2), "x₀ = \(start): \(status)")
  }
  let violation = try #require(run.metrics["violation:log-x"])
  #expect(violation.isFinite && violation < 1e-3, "\(violation)")
  #expect(ComparisonReport(record).rows[0][1] == "ok \(inside)/8")
  #expect(
    run.notes.contains { $0.hasPrefix("\(8 - inside) of 8 evaluation rollouts left out of the metrics") })
  let byMethod = try #require(ComparisonReport(record).jsonObject["methods"] as? [String: [String: Any]])
  let rollouts = try #require(byMethod["sindy"]?["rollouts"] as? [String: Any])
  #expect(rollouts["counted"] as? Int == inside && rollouts["total"] as? Int == 8)
  let path = temporaryDirectory() + "/drain.h5"
  try ResultsFile.write(record, to: path)
  #expect(try ResultsFile.read(from: path).runs.first?.rolloutStatuses == run.rolloutStatuses)
}

@Test func aConstantModelOnMovingDataIsFlaggedAndCompareFails() throws {
  let dir = temporaryDirectory()
  try run(["generate", "--system", "spring-mass", "--noise", "1e100", "--out", dir + "/loud.h5", "--quiet"])
  let line = errorLine([
    "compare", "--data", dir + "/loud.h5", "--methods", "sindy", "--out", dir + "/r.h5", "--quiet",
  ])
  #expect(line?.contains("no method completed") == true, "\(line ?? "accepted")")
  let record = try ResultsFile.read(from: dir + "/r.h5")
  #expect(record.runs[0].outcome.reason?.hasPrefix("the model learned a constant field") == true)
}

@Test func anInvariantEqualOnEveryTrajectoryIsReportedInvisibleToContrastiveLearning() throws {
  let system = try SystemRegistry.shared.entry(named: "sir-epidemic").system
  var options = MethodOptions()
  options.epochs = 2
  let methods = try MethodRegistry.shared.methods(
    named: ["concernet", "sindy"], options: options, for: system)
  var experiment = Experiment(system: system, methods: methods)
  experiment.protocolSettings.trajectoryCount = 8
  experiment.protocolSettings.trainingCount = 4
  experiment.protocolSettings.evaluationTrajectoryCount = 2
  experiment.protocolSettings.evaluationPointCount = 51
  let record = try ComparisonRunner().run(experiment)
  let notes = record.runs(of: "concernet")[0].notes
  #expect(
    notes.contains {
      $0.hasPrefix("population has the same value (") && $0.contains("on every training trajectory")
    },
    "\(notes)")
  #expect(record.runs(of: "sindy")[0].notes.allSatisfy { !$0.contains("same value") })
  let spring = try SystemRegistry.shared.entry(named: "spring-mass").system
  let springRecord = try ComparisonRunner().run(
    Experiment(
      system: spring,
      methods: try MethodRegistry.shared.methods(named: ["concernet"], options: options, for: spring)))
  #expect(springRecord.runs[0].notes.allSatisfy { !$0.contains("same value") })
}

/// Runs the `noether` binary with extra environment variables; returns its exit status
/// and its standard error.
func runNoether(_ arguments: [String], environment extra: [String: String]) throws -> (
  status: Int32, errors: String
) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: noetherBinary)
  process.arguments = arguments
  process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
  let pipe = Pipe()
  process.standardOutput = FileHandle.nullDevice
  process.standardError = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Test func specialFilesGetTheirOwnMessageAndTheLibraryRunsInAProbeProcess() throws {
  let dir = temporaryDirectory()
  let empty = dir + "/empty.h5"
  #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
  let fifo = dir + "/fifo.h5"
  #expect(mkfifo(fifo, 0o600) == 0)
  let truncated = dir + "/truncated.h5"
  try run([
    "generate", "--system", "spring-mass", "--trajectories", "4", "--points", "10", "--out", dir + "/ok.h5",
    "--quiet",
  ])
  let whole = try Data(contentsOf: URL(fileURLWithPath: dir + "/ok.h5"))
  try whole.prefix(3000).write(to: URL(fileURLWithPath: truncated))
  let cases: [(String, String)] = [
    (dir + "/missing.h5", "no such file"), (dir, "is a directory"), ("/dev/null", "is a character device"),
    (empty, "is empty (0 bytes)"), (fifo, "is a FIFO"), (truncated, "not a readable HDF5 file"),
  ]
  for (path, expected) in cases {
    let (status, errors) = try runNoether(["inspect", path], environment: [:])
    #expect(status == 1)
    #expect(errors.contains("\(path): \(expected)"), "\(path): \(errors)")
    #expect(errors.split(separator: "\n").count == 1, "\(errors)")
  }
  #expect(try runNoether(["inspect", dir + "/ok.h5"], environment: [:]).status == 0)
  // A library that hangs, and one that crashes, on the file: the probe process ends,
  // the command says so in one line.
  let hang = try runNoether(["inspect", dir + "/ok.h5"], environment: ["NOETHER_PROBE_SECONDS": "0"])
  #expect(hang.errors.contains("reading its structure did not finish within 0 s"), "\(hang.errors)")
  let crasher = dir + "/crasher"
  try "#!/bin/sh\nkill -SEGV $$\n".write(toFile: crasher, atomically: true, encoding: .utf8)
  chmod(crasher, 0o755)
  let crash = try runNoether(
    ["compare", "--data", dir + "/ok.h5"], environment: ["NOETHER_EXECUTABLE": crasher])
  #expect(crash.status == 1)
  #expect(crash.errors.contains("the HDF5 library crashed (signal 11)"), "\(crash.errors)")
}

/// kill -9 of `generate` and `compare --out` at random moments: the previous file is
/// always whole, and once a run finishes no temporary file is left.
@Test func killedWritersLoseNoFileAndLeaveNoTemporaryFiles() throws {
  let dir = temporaryDirectory()
  let data = dir + "/data.h5"
  let results = dir + "/results.h5"
  try run([
    "generate", "--system", "spring-mass", "--trajectories", "6", "--points", "20", "--out", data, "--quiet",
  ])
  let writers: [(arguments: [String], file: String, kills: Int)] = [
    (
      [
        "generate", "--system", "spring-mass", "--trajectories", "400", "--points", "200", "--out", data,
        "--quiet",
      ], data, 20
    ),
    (
      ["compare", "--data", data, "--methods", "sindy", "--epochs", "1", "--out", results, "--quiet"],
      results, 10
    ),
  ]
  var generator = SystemRandomNumberGenerator()
  var killed = 0
  for writer in writers {
    // Kill times are drawn within 80 % of one whole run timed here, on this machine's load.
    let timed = Process()
    timed.executableURL = URL(fileURLWithPath: noetherBinary)
    timed.arguments = writer.arguments
    let start = Date()
    try timed.run()
    timed.waitUntilExit()
    let longest = UInt32(min(0.8 * Date().timeIntervalSince(start), 5) * 1e6)
    for k in 0..<writer.kills {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: noetherBinary)
      process.arguments = writer.arguments
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(UInt32.random(in: 0...longest, using: &generator))
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        killed += 1
      }
      process.waitUntilExit()
      if FileManager.default.fileExists(atPath: writer.file) {
        if writer.file == data {
          #expect(throws: Never.self, "kill \(k): the data file is damaged") {
            _ = try TrajectoryFile.read(from: data)
          }
        } else {
          #expect(ResultsFile.isResultsFile(results), "kill \(k): the results file is damaged")
        }
      } else {
        #expect(writer.file == results, "kill \(k) lost the data file")
      }
    }
    // The next run that finishes cleans what the killed ones left.
    try run(writer.arguments)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }
  #expect(killed >= 20, "only \(killed) of the 30 runs were still running when killed")
}

@Test func absurdNoiseSeedAndGridAttributesAreRefused() throws {
  guard let python = interopPython() else { return }
  let dir = temporaryDirectory()
  try run([
    "generate", "--system", "spring-mass", "--trajectories", "4", "--points", "10", "--out", dir + "/ok.h5",
    "--quiet",
  ])
  let cases: [(String, String)] = [
    ("f.attrs['noise'] = -1.0", "'/@noise' is -1.0"), ("f.attrs['noise'] = float('inf')", "'/@noise' is inf"),
    ("f.attrs['seed'] = -5", "'/@seed' is -5.0"), ("f.attrs['seed'] = 2.5", "'/@seed' is 2.5"),
    ("f['grid'] = [0.0, 1.0, 2.0]", "'grid' has 3 coordinates for states of dimension 2"),
  ]
  for (k, (change, expected)) in cases.enumerated() {
    let path = dir + "/bad-\(k).h5"
    try FileManager.default.copyItem(atPath: dir + "/ok.h5", toPath: path)
    let edited = try runProgram(
      python, ["-c", "import h5py\nwith h5py.File('\(path)', 'r+') as f:\n    \(change)"])
    #expect(edited.status == 0)
    let line = errorLine(["inspect", path])
    #expect(line?.contains(expected) == true, "\(change): \(line ?? "accepted")")
  }
}

/// A name read from a damaged file may hold line breaks and other control characters
/// (the fuzz corpus made a format 'noet\u{1e}er-trajectories', which Python reads as two
/// lines): the `noether` binary prints them escaped, its error still one line.
@Test func controlCharactersQuotedFromAFileAreEscapedOnTheErrorLine() throws {
  let dir = temporaryDirectory()
  try hdf5Mutex.withLock { _ in  // the library is not thread-safe: other tests run beside
    let file = try HDF5File.create(dir + "/named.h5")
    try file.writeHeader(format: "spring\nmass\u{1e}x\u{2028}", version: 1)
  }
  let (status, message) = try runProgram(noetherBinary, ["inspect", dir + "/named.h5"], standardError: true)
  #expect(status == 1)
  let lines = message.split(omittingEmptySubsequences: true) { $0.isNewline }
  #expect(lines.count == 1, "\(message)")
  #expect(message.contains("spring\\u{a}mass\\u{1e}x\\u{2028}"), "\(message)")
  #expect(message.contains(dir + "/named.h5"), "\(message)")
}
