import Foundation
import NoetherCore
import NoetherSystems
import Testing

@testable import NoetherStore

/// The Python interpreter with h5py: `NOETHER_PYTHON`, else `python3`.
let interopPython = ProcessInfo.processInfo.environment["NOETHER_PYTHON"] ?? "/usr/bin/env"
let interopPythonArguments = ProcessInfo.processInfo.environment["NOETHER_PYTHON"] == nil ? ["python3"] : []

/// True when the interpreter imports h5py, or when the interop check is required
/// (`NOETHER_REQUIRE_INTEROP=1`, set by scripts/test, so that CI cannot skip it).
let interopAvailable: Bool = {
  if ProcessInfo.processInfo.environment["NOETHER_REQUIRE_INTEROP"] == "1" { return true }
  return (try? runPython(["-c", "import h5py"]))?.status == 0
}()

@discardableResult
func runPython(_ arguments: [String]) throws -> (status: Int32, output: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: interopPython)
  process.arguments = interopPythonArguments + arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

let interopScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("interop/h5py_interop.py").path

@Suite(.enabled(if: interopAvailable, "h5py is not installed: scripts/test installs it"))
struct H5pyInteropTests {
  @Test func h5pyReadsWhatNoetherWrites() throws {
    let dir = temporaryDirectory()
    var settings = Kepler().referenceProtocol.resized(trajectories: 10)
    settings.pointCount = 20
    let dataset = try DatasetGenerator().generate(Kepler(), protocol: settings)
    try TrajectoryFile.write(dataset, to: dir + "/kepler.h5")
    let result = try runPython([interopScript, "read", dir + "/kepler.h5", "10", "20", "4"])
    #expect(result.status == 0, "\(result.output)")
  }

  @Test func noetherReadsWhatH5pyWrites() throws {
    let dir = temporaryDirectory()
    let result = try runPython([interopScript, "write", dir + "/from-h5py.h5"])
    #expect(result.status == 0, "\(result.output)")
    let dataset = try TrajectoryFile.read(from: dir + "/from-h5py.h5")
    #expect(dataset.systemName == "spring-mass")
    #expect(dataset.protocolName == "from-h5py")
    #expect(dataset.stateNames == ["q", "p"])
    #expect(dataset.seed == 7)
    #expect(dataset.trajectories.split == [.train, .train, .test, .test])
    #expect(dataset.trajectories.times.count == 7)
    // The stored derivatives are the spring-mass field at the stored states.
    let f = SpringMass().derivatives(at: dataset.trajectories.allStates)
    #expect(zip(f.values, dataset.trajectories.derivatives).allSatisfy { abs($0 - $1) < 1e-12 })
    let drift = InvariantDrift(of: SpringMass().invariants[0], along: dataset.trajectories)
    #expect(drift.maximumRelative < 1e-5)  // float32 times
  }
}
