import Foundation
import NoetherCLI
import NoetherCompare
import NoetherCore
import NoetherStore
import Testing

/// The Python with h5py the interop tests use (NOETHER_PYTHON); nil when none is
/// configured, which is a failure when interop is required (scripts/test requires it).
func interopPython() -> String? {
  guard let python = ProcessInfo.processInfo.environment["NOETHER_PYTHON"] else {
    #expect(
      ProcessInfo.processInfo.environment["NOETHER_REQUIRE_INTEROP"] != "1",
      "NOETHER_REQUIRE_INTEROP=1 but NOETHER_PYTHON is not set")
    return nil
  }
  return python
}

/// Runs a Python script with h5py (`interopPython()`); nil when there is none.
func runPython(_ script: String) throws -> String? {
  guard let python = interopPython() else { return nil }
  let result = try runProgram(python, ["-c", script])
  #expect(result.status == 0, "python failed: \(result.output)")
  return result.output
}

/// The h5py script writing a PDEBench diffusion file: 20 samples of
/// u = 1 + Σ aₖ cos(kπx) e^{−D k²π² t} on 64 cells, 21 times and `t-coordinate` with
/// T + 1 values, as PDEBench's own files have.
func pdebenchDiffusionScript(_ path: String) -> String {
  """
  import h5py, numpy as np
  rng = np.random.default_rng(3)
  x = np.linspace(0, 1, 64); t = np.linspace(0, 2, 22)
  a = rng.uniform(-0.5, 0.5, (20, 3))
  u = np.ones((20, 21, 64))
  for k in range(1, 4):
      u += a[:, k-1, None, None] * np.cos(k*np.pi*x)[None, None, :] * np.exp(-0.01*(k*np.pi)**2*t[:21])[None, :, None]
  with h5py.File('\(path)', 'w') as f:
      f['tensor'] = u.astype(np.float32)
      f['t-coordinate'] = t.astype(np.float32)
      f['x-coordinate'] = x.astype(np.float32)
  """
}

@Suite(.serialized) struct ImportTests {
  @Test func bothExportsReadBackAsTheSameTrajectories() throws {
    let dir = temporaryDirectory()
    try run([
      "generate", "--system", "heat-equation", "--trajectories", "6", "--points", "12", "--noise", "0.01",
      "--out", dir + "/h.h5", "--pdebench", dir + "/h-pdebench.h5", "--quiet",
    ])
    try run([
      "generate", "--system", "heat-equation", "--trajectories", "6", "--points", "12", "--noise", "0.01",
      "--format", "the-well", "--out", dir + "/well", "--quiet",
    ])
    let original = try DataFile.read(from: dir + "/h.h5")
    #expect(try DataFile.layout(of: dir + "/h-pdebench.h5") == .pdebench)
    let well = dir + "/well/data/train/heat-equation.hdf5"
    #expect(try DataFile.layout(of: well) == .theWell)
    let set = original.trajectories
    for (path, keepsSplit) in [(dir + "/h-pdebench.h5", false), (well, true)] {
      let copy = try DataFile.read(from: path)
      #expect(
        copy.systemName == "heat-equation" && copy.noise.sigma == 0.01 && copy.noise.source == .given
          && copy.seed == 2023)
      #expect(copy.gridCoordinates.count == 101 && abs(copy.gridCoordinates[100] - 5) < 1e-6)
      #expect(copy.trajectories.times.map { Float($0) } == set.times.map { Float($0) })
      // The Well's files hold train then test; PDEBench's one tensor keeps the order.
      let order = keepsSplit ? set.indices(in: .train) + set.indices(in: .test) : Array(0..<6)
      let expected = set.selecting(order).states
      let worst = zip(copy.trajectories.states, expected).map { abs($0 - $1) / max(abs($1), 1) }.max()!
      #expect(worst < 1e-7, "\(path): float32 rounding exceeded: \(worst)")
      if keepsSplit {
        #expect(copy.trajectories.split == order.map { set.split[$0] })
        #expect(copy.source.contains("split from the train/valid/test directories"))
      } else {
        #expect(copy.trajectories.indices(in: .train).count == 3)
        #expect(copy.source.contains("split half and half with seed 2023"))
      }
      // Derivatives: finite differences of the (noisy) states, as the file has none.
      let first = copy.trajectories.trajectory(0).values
      let estimate = FiniteDifference().derivatives(of: first, dimension: 101, times: copy.trajectories.times)
      #expect(Array(copy.trajectories.derivatives.prefix(first.count)) == estimate)
    }
  }

  @Test func h5pyWrittenPDEBenchAndTheWellFilesLoadWithTheirShapesGridAndSplit() throws {
    let dir = temporaryDirectory()
    let script =
      pdebenchDiffusionScript(dir + "/pdebench.h5") + """

        with h5py.File('\(dir)/per-seed.h5', 'w') as f:
            for s in range(5):
                g = f.create_group('%04d' % s)
                g['data'] = u[s][:, :, None].astype(np.float32)
                g['grid/t'] = t[:21].astype(np.float32); g['grid/x'] = x.astype(np.float32)
        import os
        for split, b in [('train', 4), ('valid', 2), ('test', 3)]:
            os.makedirs('\(dir)/well/data/' + split)
            with h5py.File('\(dir)/well/data/' + split + '/flow.hdf5', 'w') as f:
                f.attrs['dataset_name'] = 'flow'; f.attrs['grid_type'] = 'cartesian'
                f.attrs['n_spatial_dims'] = 1; f.attrs['n_trajectories'] = b
                f.attrs['simulation_parameters'] = []
                d = f.create_group('dimensions'); d.attrs['spatial_dims'] = ['x']
                d['time'] = np.linspace(0, 1, 11).astype(np.float32); d['x'] = np.linspace(0, 1, 16).astype(np.float32)
                f.create_group('boundary_conditions'); f.create_group('scalars').attrs['field_names'] = []
                t0 = f.create_group('t0_fields'); t0.attrs['field_names'] = ['density', 'viscosity']
                t0['density'] = rng.normal(size=(b, 11, 16)).astype(np.float32)
                t0['viscosity'] = np.ones(16, dtype=np.float32)
                t1 = f.create_group('t1_fields'); t1.attrs['field_names'] = ['velocity']
                t1['velocity'] = rng.normal(size=(b, 11, 16, 1)).astype(np.float32)
                f.create_group('t2_fields').attrs['field_names'] = []
        """
    guard try runPython(script) != nil else { return }
    let single = try DataFile.read(from: dir + "/pdebench.h5")
    let s = single.trajectories
    #expect((s.trajectoryCount, s.pointCount, s.dimension) == (20, 21, 64))
    #expect(s.times.count == 21 && abs(s.times[20] - 2 * 20 / 21.0) < 1e-6)
    #expect(single.gridCoordinates.count == 64 && single.systemName == "unknown")
    #expect(s.indices(in: .train).count == 10 && s.indices(in: .test).count == 10)
    // The same seed gives the same split; it is recorded.
    #expect(try DataFile.read(from: dir + "/pdebench.h5").trajectories.split == s.split)
    let perSeed = try DataFile.read(from: dir + "/per-seed.h5")
    #expect((perSeed.trajectories.trajectoryCount, perSeed.trajectories.dimension) == (5, 64))
    #expect(perSeed.gridCoordinates.count == 64)
    #expect(perSeed.trajectories.states[0..<64] == s.states[0..<64])
    let well = try DataFile.read(from: dir + "/well/data/valid/flow.hdf5")
    let w = well.trajectories
    #expect((w.trajectoryCount, w.pointCount, w.dimension) == (9, 11, 32))
    #expect(w.indices(in: .train).count == 6 && w.indices(in: .test).count == 3)
    #expect(well.stateNames[0] == "density[0]" && well.stateNames[16] == "velocity[0,0]")
    #expect(well.source.contains("left out 't0_fields/viscosity' [16]"))
  }

  @Test func aWrongGridAFileOfNoLayoutAndAnotherSystemAreOneLineErrors() throws {
    let dir = temporaryDirectory()
    try run([
      "generate", "--system", "heat-equation", "--trajectories", "4", "--points", "6", "--format", "pdebench",
      "--out", dir + "/heat.h5", "--quiet",
    ])
    SystemRegistry.shared.register(Diffusion64())
    let grid = errorLine(["compare", "--system", "diffusion-64", "--data", dir + "/heat.h5", "--epochs", "1"])
    #expect(
      grid?.contains("holds heat-equation data (its 'system' attribute), not diffusion-64") == true,
      "\(grid ?? "")")
    try run([
      "generate", "--system", "spring-mass", "--trajectories", "4", "--points", "6", "--out", dir + "/s.h5",
      "--quiet",
    ])
    let other = errorLine(["compare", "--system", "pendulum", "--data", dir + "/s.h5", "--epochs", "1"])
    #expect(
      other
        == "--data '\(dir)/s.h5' holds spring-mass data (its 'system' attribute), not pendulum; pass --system spring-mass or another file."
    )
    guard
      try runPython(
        pdebenchDiffusionScript(dir + "/p.h5")
          + "\nwith h5py.File('\(dir)/neither.h5', 'w') as f:\n    f['fields'] = np.zeros((2, 3))\n")
        != nil
    else { return }
    let size = errorLine(["compare", "--system", "heat-equation", "--data", dir + "/p.h5", "--epochs", "1"])
    #expect(
      size
        == "--data '\(dir)/p.h5' holds fields on 64 grid points, but system 'heat-equation' has 101; pass a system of the file's grid (register one from Swift) or another file."
    )
    let unnamed = errorLine(["compare", "--data", dir + "/p.h5", "--epochs", "1"])
    #expect(
      unnamed?.contains(
        "does not say which system its data are of (no 'system' attribute); pass --system NAME") == true)
    let neither = errorLine(["inspect", dir + "/neither.h5"])
    #expect(
      neither
        == "\(dir)/neither.h5: '/' follows no layout Noether reads: no 'states' (Noether's), no 'tensor' or '<seed>/data' (PDEBench's), no 't0_fields' (The Well's); it holds 'fields'; see docs/hdf5-schema.md."
    )
  }

  /// The README's example: an h5py-written PDEBench diffusion file through
  /// `compare --data` with a user-defined field system of its grid.
  @Test func anH5pyPDEBenchFileRunsThroughCompareWithAUserFieldSystem() throws {
    let dir = temporaryDirectory()
    guard try runPython(pdebenchDiffusionScript(dir + "/diffusion.h5")) != nil else { return }
    SystemRegistry.shared.register(Diffusion64())
    try run([
      "compare", "--system", "diffusion-64", "--data", dir + "/diffusion.h5", "--methods",
      "baseline,concernet-exact",
      "--enforce", "known", "--derivatives", "savitzky-golay", "--epochs", "20", "--out", dir + "/r.h5",
      "--quiet",
    ])
    let record = try ResultsFile.read(from: dir + "/r.h5", rolloutSeeds: [])
    #expect(
      record.runs.allSatisfy { $0.outcome == .completed },
      "\(record.runs.map { "\($0.method): \($0.outcome)" })")
    let source = try #require(record.dataSource)
    #expect(source.contains("diffusion.h5', a PDEBench file (pdebench), split half and half with seed 2023"))
    #expect(source.contains("derivatives by savitzky-golay"))
    let headline = ComparisonReport(record).headline
    #expect(headline.hasPrefix("diffusion-64: data '\(dir)/diffusion.h5', a PDEBench file"), "\(headline)")
    // The user system's known invariant (total heat) is enforced: kept along rollouts
    // far better than by the baseline.
    let key = "violation:total-heat"
    let violation = Dictionary(uniqueKeysWithValues: record.runs.map { ($0.method, $0.metrics[key] ?? .nan) })
    #expect(violation["concernet-exact"]! < violation["baseline"]! / 100, "\(violation)")
  }
}

/// A user's differentiation, defined outside the package: first-order forward
/// differences (the last sample repeats the slope before it).
struct ForwardDifference: Differentiation {
  var name: String { "forward-difference" }

  func derivatives(of states: [Double], dimension n: Int, times: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: states.count)
    guard times.count >= 2 else { return out }
    for k in 0..<times.count {
      let a = min(k, times.count - 2)
      for j in 0..<n {
        out[k * n + j] = (states[(a + 1) * n + j] - states[a * n + j]) / (times[a + 1] - times[a])
      }
    }
    return out
  }
}

@Suite(.serialized) struct UserDifferentiationTests {
  @Test func aUserDifferentiationRegisteredByNameReplacesTheDerivativesEveryMethodSees() throws {
    DifferentiationRegistry.shared.register("forward-difference") { _, _ in ForwardDifference() }
    let dir = temporaryDirectory()
    try run([
      "compare", "--methods", "sindy", "--noise", "0", "--derivatives", "forward-difference", "--out",
      dir + "/r.h5", "--quiet",
    ])
    let record = try ResultsFile.read(from: dir + "/r.h5", rolloutSeeds: [])
    #expect(record.derivatives == "forward-difference")
    #expect(ComparisonReport(record).headline.contains(", derivatives estimated by forward-difference;"))
    // The training data the results file keeps are the forward differences of the clean states.
    let (states, derivatives, times) = try hdf5Mutex.withLock { _ in
      let file = try HDF5File.open(dir + "/r.h5")
      return try (
        file.readDoubles("data/states").values, file.readDoubles("data/derivatives").values,
        file.readDoubles("data/time").values
      )
    }
    let first = Array(states.prefix(times.count * 2))
    let expected = ForwardDifference().derivatives(of: first, dimension: 2, times: times)
    #expect(Array(derivatives.prefix(first.count)) == expected)
    // First-order differences bias SINDy's fit: noticeably worse than the given ẋ.
    try run(["compare", "--methods", "sindy", "--noise", "0", "--out", dir + "/given.h5", "--quiet"])
    let given = try ResultsFile.read(from: dir + "/given.h5", rolloutSeeds: [])
    #expect(record.runs[0].metrics["mse"]! > 10 * given.runs[0].metrics["mse"]!)
  }
}
