import ArgumentParser
import Foundation
import NoetherCore
import NoetherStore
import Testing

@testable import NoetherCLI

func temporaryDirectory() -> String {
  let path = NSTemporaryDirectory() + "noether-cli-\(UUID().uuidString)"
  try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Parses and runs a command line, as `noether ARGS` would.
func run(_ arguments: [String]) throws {
  var command = try NoetherCommand.parseAsRoot(arguments)
  try command.run()
}

@Suite(.serialized) struct CommandTests {
  @Test func systemsListsEveryBuiltInWithDimensionAndInvariants() {
    let lines = SystemsCommand.table(SystemRegistry(builtIns: true).all).split(separator: "\n")
    #expect(lines[0].hasPrefix("system             dimension  invariants"))
    #expect(lines.count == 2 + 4 + 7)  // the paper's four and discovery's seven
    #expect(
      lines[9].hasPrefix("damped-oscillator  2          d/dt energy = −0.2 p² (energy = 0.5 q² + 0.5 p²)"))
    #expect(
      lines[12].hasPrefix("sir-vital          3          d/dt population = 0.2 − 0.2 S − 0.7 I − 0.2 R"))
    #expect(lines[11].hasPrefix("van-der-pol        2          none known"))
    #expect(lines[2].hasPrefix("spring-mass        2          energy = q² + p²"))
    #expect(lines[4].contains("kepler") && lines[4].contains("angular-momentum = x·vy − y·vx"))
    #expect(lines[5].hasPrefix("heat-equation      101"))
  }

  @Test func generateWritesTheReferenceShapesAndInspectReadsThem() throws {
    let dir = temporaryDirectory()
    try run(["generate", "--system", "kepler", "--trajectories", "8", "--out", dir + "/k.h5", "--quiet"])
    let dataset = try TrajectoryFile.read(from: dir + "/k.h5")
    #expect(dataset.trajectories.states.count == 8 * 100 * 4)
    #expect(dataset.trajectories.indices(in: .train) == [0, 1, 2, 3])
    #expect(dataset.seed == 2023 && dataset.noise.sigma == 0.01 && dataset.noise.source == .given)
    let report = InspectCommand.report(path: "k.h5", dataset: dataset)
    #expect(report.contains("states      [8, 100, 4]"))
    #expect(report.contains("split       4 train, 4 test"))
    #expect(report.contains("angular-momentum"))
    try run(["inspect", dir + "/k.h5"])
  }

  @Test func unknownNamesAndBadValuesGetOneLineErrorsWithChoices() throws {
    do {
      try run(["generate", "--system", "pendulumm", "--out", "/tmp/x.h5"])
      Issue.record("an unknown system was accepted")
    } catch let error as CommandLineError {
      #expect(
        error.description.contains(
          "unknown system 'pendulumm'; valid choices: spring-mass, chemical-kinetics, kepler, heat-equation"))
      #expect(!error.description.contains("\n"))
    }
    #expect(throws: (any Error).self) {
      try run(["generate", "--system", "kepler", "--noise", "-1", "--out", "/tmp/x.h5"])
    }
    #expect(throws: (any Error).self) {
      try run(["generate", "--system", "kepler", "--points", "1", "--out", "/tmp/x.h5"])
    }
    #expect(throws: CommandLineError.self) { try run(["inspect", "/nonexistent/file.h5"]) }
    #expect(throws: CommandLineError.self) {
      try run(["generate", "--system", "kepler", "--out", "/tmp/x.h5", "--pdebench", "/tmp/y.h5", "--quiet"])
    }
  }

  @Test func aUserSystemRunsThroughTheCommandLine() throws {
    SystemRegistry.shared.register(Pendulum())
    #expect(SystemRegistry.shared.names.contains("pendulum"))
    let dir = temporaryDirectory()
    try run([
      "generate", "--system", "pendulum", "--noise", "0", "--seed", "5", "--out", dir + "/p.h5", "--quiet",
    ])
    let dataset = try TrajectoryFile.read(from: dir + "/p.h5")
    #expect(dataset.protocolName == "pendulum-demo")
    let drift = InvariantDrift(of: Pendulum().invariants[0], along: dataset.trajectories)
    #expect(drift.maximumRelative < 1e-8)
  }

  @Test func heatEquationExportsToPDEBench() throws {
    let dir = temporaryDirectory()
    try run([
      "generate", "--system", "heat-equation", "--trajectories", "2", "--points", "5",
      "--out", dir + "/h.h5", "--pdebench", dir + "/h-pdebench.h5", "--quiet",
    ])
    #expect(FileManager.default.fileExists(atPath: dir + "/h-pdebench.h5"))
    #expect(try TrajectoryFile.read(from: dir + "/h.h5").gridCoordinates.count == 101)
  }

  @Test(arguments: [
    "Pendulum.swift", "ShortSystems/ShortPendulum.swift", "ShortSystems/PredatorPrey.swift",
    "ShortSystems/TwoBody.swift", "ShortSystems/TodaLattice.swift", "LinearFit.swift",
  ])
  func extendingGuideQuotesTheCompiledExample(_ file: String) throws {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let root = here.deletingLastPathComponent().deletingLastPathComponent()
    let guide = try String(contentsOf: root.appendingPathComponent("docs/extending.md"), encoding: .utf8)
    let example = try String(contentsOf: here.appendingPathComponent(file), encoding: .utf8)
    let body = example.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(
      separator: "\n")
    #expect(
      guide.contains(body.trimmingCharacters(in: .whitespacesAndNewlines)),
      "docs/extending.md no longer quotes Tests/NoetherCLITests/\(file)")
  }
}
