import Foundation
import NoetherCompare
import NoetherCore
import NoetherStore
import NoetherSystems
import Testing

@testable import NoetherCLI

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Every `<svg>…</svg>` block of an HTML page.
func svgBlocks(_ html: String) -> [String] {
  html.components(separatedBy: "<svg ").dropFirst().map {
    "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>"
  }
}

/// True when `text` parses as XML.
func isWellFormedXML(_ text: String) -> Bool { XMLParser(data: Data(text.utf8)).parse() }

/// Runs a program and returns its exit status and standard output (or, with
/// `standardError`, its standard error; the other stream is discarded).
func runProgram(_ path: String, _ arguments: [String], standardError: Bool = false) throws -> (
  status: Int32, output: String
) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = standardError ? FileHandle.nullDevice : pipe
  process.standardError = standardError ? pipe : FileHandle.nullDevice
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Debian's Chromium, if installed; scripts/test installs it and sets
/// `NOETHER_REQUIRE_CHROMIUM=1` so that CI cannot skip the rendering check.
let chromiumPath: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}
let chromiumRequired = ProcessInfo.processInfo.environment["NOETHER_REQUIRE_CHROMIUM"] == "1"

@Suite(.serialized) struct ReportTests {
  @Test func compareWritesAReportWithEveryFigureAndTheReportCommandRedrawsIt() throws {
    let directory = NSTemporaryDirectory() + "noether-report-\(UUID().uuidString)"
    let results = directory + "/spring.h5"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let record = try ComparisonRunner().run(tinyExperiment(SpringMass(), seeds: 1))
    try ResultsFile.write(record, to: results)
    try run(["report", results, "--out", directory + "/page"])
    let html = try String(contentsOfFile: directory + "/page/index.html", encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<script"))
    // Self-contained: nothing is fetched from the network.
    #expect(!html.contains("href=\"http") && !html.contains("src=\"http") && !html.contains("url(http"))
    let figures = svgBlocks(html)
    #expect(figures.allSatisfy(isWellFormedXML))
    // 5 phase portraits, q and p over time, MSE and energy violation over time, the true
    // energy's level sets and those of the three methods that learn an invariant.
    #expect(figures.count == 5 + 2 + 2 + 1 + 3)
    let mse = figures.first { $0.contains("MSE over time") }!
    #expect(mse.components(separatedBy: "class=\"series\"").count - 1 == 5)
    #expect(figures.filter { $0.contains("class=\"contour\"") }.count == 4)
    for cell in ComparisonReport(record).header { #expect(html.contains("<th>\(cell)</th>")) }
    // The file round trip keeps what the figures need.
    let reread = try ResultsFile.read(from: results)
    #expect(reread.invariantGrid?.xs == record.invariantGrid?.xs)
    let concernet = reread.runs.first { $0.method == "concernet" }!
    #expect(concernet.mseOverTime == record.runs.first { $0.method == "concernet" }!.mseOverTime)
    #expect(concernet.learnedInvariantGrid.count == 1 && concernet.learnedInvariantGrid[0].count == 61 * 61)
    // Each figure is also a file of its own.
    let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/page/figures")
    #expect(files.count == figures.count && files.contains("spring-mass-mse-over-time.svg"))
    #expect(
      files.contains("spring-mass-contour-true-energy.svg") && files.contains("spring-mass-phase-hnn.svg"))
    // Two records of one system (a noise sweep) keep their figure files apart.
    let twice = HTMLReport([record, record]).figureFiles.map(\.fileName)
    #expect(Set(twice).count == twice.count && twice.contains("spring-mass-2-mse-over-time.svg"))
    // The same page, drawn from memory by `compare --report`.
    #expect(HTMLReport([record]).html == html)
    #expect(throws: CommandLineError.self) { try run(["report", directory + "/missing.h5"]) }
    // A dataset file is not a results file; an --out that is a file is refused.
    let dataset = directory + "/data.h5"
    try run(["generate", "--system", "spring-mass", "--trajectories", "4", "--out", dataset])
    do {
      try run(["report", dataset, "--out", directory + "/x"])
      Issue.record("a dataset file was drawn as a report")
    } catch let error as CommandLineError {
      #expect(error.description.contains("noether-results"))
    }
    #expect(throws: CommandLineError.self) { try run(["report", results, "--out", dataset]) }
    #expect(throws: CommandLineError.self) { try run(["compare", "--invariants", "2", "--quiet"]) }

    if let chromium = chromiumPath {
      let png = directory + "/page.png"
      // `timeout` keeps a hung browser from hanging the test run.
      _ = try runProgram(
        "/usr/bin/timeout",
        [
          "120", chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
          "--screenshot=\(png)", "--window-size=1200,2400", "file://\(directory)/page/index.html",
        ])
      let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("interop/png_stats.py").path
      let stats = try runProgram("/usr/bin/env", ["python3", script, png]).output.split(separator: " ")
      #expect(stats.count == 4)
      if stats.count == 4 {
        // Not blank: a few percent of the page is ink, in many colours (lines, maps, text).
        #expect(Double(stats[2])! > 0.02, "non-white fraction \(stats[2])")
        #expect(Int(stats[3].trimmingCharacters(in: .whitespacesAndNewlines))! > 100)
      }
    } else {
      #expect(!chromiumRequired, "chromium is required (NOETHER_REQUIRE_CHROMIUM=1) but not installed")
    }
  }

  @Test func fieldsAreDrawnAsHeatMapsOnTheTruthsColourRange() {
    let steps = 30
    let n = 12
    var record = ComparisonRecord(
      systemName: "field", protocolName: "test", invariantNames: ["total"], methods: ["baseline"], seeds: [7],
      noise: 0)
    record.evaluationTimes = (0..<steps).map { Double($0) / 10 }
    record.stateNames = (0..<n).map { "u\($0)" }
    let truth = (0..<(2 * steps * n)).map { k in sin(Double(k % n) / 3) * exp(-Double(k / n % steps) / 20) }
    record.truth[7] = truth
    var run = MethodRun(method: "baseline", seed: 7, outcome: .completed)
    run.rollout = truth.map { $0 * 1.1 }
    run.curves["mse-over-time"] = (0..<steps).map { 1e-4 * Double($0 + 1) }
    run.curves["violation-over-time-total"] = (0..<steps).map { 1e-6 * Double($0 + 1) }
    record.runs = [run]
    let figures = ResultFigures(record).all
    let maps = figures.filter { $0.svg.contains("<image") }
    #expect(maps.count == 2)  // truth and baseline
    #expect(figures.count == 2 + 2)  // and MSE and violation over time
    #expect(figures.allSatisfy { isWellFormedXML($0.svg) })
    #expect(!figures.contains { $0.svg.contains("class=\"contour\"") })
    #expect(maps[0].svg.contains(">grid node<"))
    record.gridCoordinates = (0..<n).map { Double($0) / 10 }
    #expect(ResultFigures(record).all.first!.svg.contains(">position<"))
  }
}
