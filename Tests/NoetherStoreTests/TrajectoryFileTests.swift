import Foundation
import NoetherCore
import NoetherSystems
import Testing

@testable import NoetherStore

/// A fresh temporary directory per test.
func temporaryDirectory() -> String {
  let path = NSTemporaryDirectory() + "noether-tests-\(UUID().uuidString)"
  try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

func smallDataset(_ system: any DynamicalSystem = Kepler(), noise: Double = 0.01) throws -> TrajectoryDataset
{
  var settings = system.referenceProtocol.resized(trajectories: 6)
  settings.pointCount = 12
  settings.noise = noise
  return try DatasetGenerator().generate(system, protocol: settings)
}

@Suite struct TrajectoryFileTests {
  @Test func roundTripPreservesEverything() throws {
    let dir = temporaryDirectory()
    let dataset = try smallDataset()
    let path = dir + "/k.h5"
    try TrajectoryFile.write(dataset, to: path)
    let back = try TrajectoryFile.read(from: path)
    #expect(back == dataset)
    #expect(back.exactInvariants.keys.sorted() == ["angular-momentum", "energy"])
    #expect(back.trajectories.split == [.train, .train, .train, .test, .test, .test])
    // No temporary file is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["k.h5"])
  }

  @Test func fieldSystemsRecordTheirGridAndExportToPDEBench() throws {
    let dir = temporaryDirectory()
    var settings = HeatEquation().referenceProtocol.resized(trajectories: 2)
    settings.pointCount = 5
    let dataset = try DatasetGenerator().generate(HeatEquation(), protocol: settings)
    #expect(dataset.gridCoordinates.count == 101)
    try PDEBenchExport.write(dataset, to: dir + "/heat-pdebench.h5")
    let (tensorShape, timeShape, x, tensor) = try hdf5Mutex.withLock { _ in  // not thread-safe
      let file = try HDF5File.open(dir + "/heat-pdebench.h5")
      return try (
        file.shape(of: "tensor"), file.shape(of: "t-coordinate"), file.readDoubles("x-coordinate").values,
        file.readDoubles("tensor").values
      )
    }
    #expect(tensorShape == [2, 5, 101])
    #expect(timeShape == [5])
    #expect(x.first == -5 && x.last == 5)
    #expect(zip(tensor, dataset.trajectories.states).allSatisfy { abs($0 - $1) < 1e-6 * max(1, abs($1)) })
    // A system without a grid has no PDEBench form.
    #expect(throws: StoreError.self) { try PDEBenchExport.write(try smallDataset(), to: dir + "/no.h5") }
  }

  @Test func missingFileIsNamed() {
    #expect(throws: StoreError.fileNotFound(path: "/nonexistent/x.h5")) {
      _ = try TrajectoryFile.read(from: "/nonexistent/x.h5")
    }
  }

  @Test func truncatedAndCorruptedFilesThrowInsteadOfTrapping() throws {
    let dir = temporaryDirectory()
    let path = dir + "/good.h5"
    try TrajectoryFile.write(try smallDataset(), to: path)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))

    let truncated = dir + "/truncated.h5"
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
    #expect(throws: StoreError.self) { _ = try TrajectoryFile.read(from: truncated) }

    let garbage = dir + "/garbage.h5"
    try Data("this is not an HDF5 file at all".utf8).write(to: URL(fileURLWithPath: garbage))
    #expect(throws: StoreError.notHDF5(path: garbage)) { _ = try TrajectoryFile.read(from: garbage) }

    // Overwrite the middle of the file (object headers and data) with noise.
    var damaged = bytes
    var g = SeededGenerator(seed: 9)
    for i in stride(from: 600, to: damaged.count - 100, by: 3) {
      damaged[i] = UInt8(truncatingIfNeeded: g.next())
    }
    let corrupted = dir + "/corrupted.h5"
    try damaged.write(to: URL(fileURLWithPath: corrupted))
    #expect(throws: (any Error).self) { _ = try TrajectoryFile.read(from: corrupted) }
  }

  @Test func wrongLayoutsAreExplained() throws {
    let dir = temporaryDirectory()
    let path = dir + "/bad.h5"
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.create(path)
      try file.write("states", doubles: [1, 2, 3, 4], shape: [2, 2])
    }
    #expect(
      throws: StoreError.wrongLayout(
        path: path, object: "states", problem: "has shape [2, 2], expected [N, T, n]")
    ) {
      _ = try TrajectoryFile.read(from: path)
    }
    let other = dir + "/other.h5"
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.create(other)
      try file.setAttribute("format", string: "something-else")
    }
    #expect(throws: StoreError.unsupportedFormat(path: other, found: "'something-else'")) {
      _ = try TrajectoryFile.read(from: other)
    }
    let noTime = dir + "/notime.h5"
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.create(noTime)
      try file.write("states", doubles: [1, 2, 3, 4], shape: [1, 2, 2])
    }
    #expect(throws: StoreError.missing(path: noTime, object: "time")) {
      _ = try TrajectoryFile.read(from: noTime)
    }
  }

  /// A file of states and times only (what a lab writes): the derivatives are estimated
  /// by finite differences, and the dataset's source says so. On x = t², y = 3t at
  /// t = 0, 0.5, 1, 1.5 they are the central differences 2t inside (exact for a
  /// quadratic) and 3 everywhere.
  @Test func statesAndTimesAloneAreRead() throws {
    let path = temporaryDirectory() + "/lab.h5"
    let times = [0, 0.5, 1, 1.5]
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.create(path)
      try file.write("states", doubles: times.flatMap { [$0 * $0, 3 * $0] }, shape: [1, 4, 2])
      try file.write("time", doubles: times, shape: [4])
    }
    let dataset = try TrajectoryFile.read(from: path)
    #expect(dataset.source == "derivatives by finite-difference (the file holds none)")
    let d = dataset.trajectories.derivatives
    #expect(abs(d[2] - 1) < 1e-12 && abs(d[4] - 2) < 1e-12)
    #expect((0..<4).allSatisfy { abs(d[2 * $0 + 1] - 3) < 1e-12 })
  }

  @Test func writingIntoAMissingDirectoryFailsCleanly() throws {
    #expect(throws: StoreError.self) {
      try TrajectoryFile.write(try smallDataset(), to: "/nonexistent-dir/x.h5")
    }
  }

  @Test func aFailedWriteLeavesThePreviousFileIntact() throws {
    let dir = temporaryDirectory()
    let path = dir + "/keep.h5"
    let dataset = try smallDataset()
    try TrajectoryFile.write(dataset, to: path)
    #expect(throws: (any Error).self) {
      try writeAtomically(to: path) { temporary in
        try Data("partial".utf8).write(to: URL(fileURLWithPath: temporary))
        throw StoreError.writeFailed(path: path, reason: "simulated crash")
      }
    }
    #expect(try TrajectoryFile.read(from: path) == dataset)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["keep.h5"])
  }
}
