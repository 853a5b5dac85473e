import Foundation
import NoetherCompare
import NoetherCore
import NoetherStore
import NoetherSystems
import Testing

@testable import NoetherCLI

/// One HDF5 layout for a model archive, in a model file and in a results file.
@Suite(.serialized) struct ModelLayoutTests {
  @Test func aResultsFileKeepsEachModelInTheModelFileLayout() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let record = try ComparisonRunner().run(
      tinyExperiment(SpringMass(), seeds: 1, methods: ["baseline", "sindy"]))
    try ResultsFile.write(record, to: dir + "/r.h5")
    for run in record.runs {
      let archive = try #require(run.archive, "\(run.method)")
      let read = try ResultsFile.readModel(from: dir + "/r.h5", method: run.method, seed: run.seed)
      #expect(read == archive)
      try ModelFile.write(archive, system: "spring-mass", to: dir + "/\(run.method).h5")
      #expect(try ModelFile.read(from: dir + "/\(run.method).h5").archive == archive)
      // The same groups and datasets under the model group as at a model file's root.
      let (inResults, inModelFile) = try hdf5Mutex.withLock { _ in
        let results = try HDF5File.open(dir + "/r.h5")
        let model = try HDF5File.open(dir + "/\(run.method).h5")
        let group = "methods/\(run.method)/seed-\(run.seed)/model"
        return (
          try results.members(of: group + "/parameters").sorted(),
          try model.members(of: "parameters").sorted()
        )
      }
      #expect(!inResults.isEmpty && inResults == inModelFile)
    }
  }

  /// Results files written before the one layout kept the settings as attributes of the
  /// model group and the arrays in it directly: still read.
  @Test func aModelInTheEarlierResultsLayoutIsStillRead() throws {
    let path = NSTemporaryDirectory() + "noether-old-model-\(UUID().uuidString).h5"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try hdf5Mutex.withLock { _ in
      let file = try HDF5File.create(path)
      for group in [
        "methods", "methods/baseline", "methods/baseline/seed-7", "methods/baseline/seed-7/model",
      ] {
        try file.createGroup(group)
      }
      let group = "methods/baseline/seed-7/model"
      try file.setAttribute("method", string: "baseline", on: group)
      try file.setAttribute("hidden", string: "3", on: group)
      try file.write(group + "/h.0.weight", doubles: [1, 2, 3, 4, 5, 6], shape: [3, 2])
    }
    let archive = try #require(try ResultsFile.readModel(from: path, method: "baseline", seed: 7))
    #expect(archive.method == "baseline" && archive.settings == ["hidden": "3"])
    #expect(archive.arrays["h/0/weight"] == .init(shape: [3, 2], values: [1, 2, 3, 4, 5, 6]))
    #expect(try ResultsFile.readModel(from: path, method: "baseline", seed: 8) == nil)
  }
}
