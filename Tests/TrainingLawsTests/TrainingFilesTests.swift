import Foundation
import NoetherCore
import NoetherStore
import Testing
import TrainingLaws

/// The training-laws HDF5 files read back as written.
@Suite struct TrainingFilesTests {
  @Test func lawCountsAndRunsReadBackAsWritten() throws {
    let dir = NSTemporaryDirectory() + "noether-training-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let net = try NetworkArchitecture(widths: [3, 2, 2], activation: .linear)
    let count = try LawEnumeration.count(net, flow: .gradient)
    try LawCountFile.write([count], to: dir + "/counts.h5")
    // The library is not thread-safe, and other tests use it beside this one.
    let (coefficients, shape, formulas) = try hdf5Mutex.withLock { _ in
      let file = try HDF5File.open(dir + "/counts.h5")
      let (coefficients, shape) = try file.readDoubles("counts/1/law_coefficients")
      return (coefficients, shape, try file.stringsAttribute("law_formulas", on: "counts/1"))
    }
    #expect(shape == [3, 55] && coefficients == count.quadraticLaws.flatMap(\.coefficients))
    #expect(formulas == count.quadraticLaws.map(\.formula))

    var generator = SeededGenerator(seed: 5)
    let data = TrainingData.teacher(count: 8, architecture: net, loss: .mse, using: &generator)
    let loss = try NetworkLoss(architecture: net, data: data, loss: .mse)
    let run = try RunRecorder(loss: loss, laws: count.quadraticLaws).run(
      .heavyBall(momentum: 0.9), learningRate: 0.01, steps: 20, from: net.randomParameters(using: &generator))
    try TrainingRunFile.write([run], loss: loss, laws: count.quadraticLaws, to: dir + "/runs.h5")
    let (parameters, parameterShape, state) = try hdf5Mutex.withLock { _ in
      let runs = try HDF5File.open(dir + "/runs.h5")
      let (parameters, parameterShape) = try runs.readDoubles("runs/1-heavy-ball/parameters")
      return (parameters, parameterShape, try runs.readDoubles("runs/1-heavy-ball/optimiser_state").values)
    }
    #expect(parameterShape == [21, 10] && parameters == run.parameters.flatMap { $0 })
    #expect(state == run.optimiserStates.flatMap { $0 })
  }
}
