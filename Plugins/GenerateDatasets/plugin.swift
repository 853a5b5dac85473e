import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-datasets [--include-heat]`
///
/// Runs the package's own `noether generate` for each reference system (seed 2023,
/// noise 0.01) and writes the files into datasets/. The heat equation's file (about
/// 30 MB) is written only with `--include-heat`; it is not committed.
@main
struct GenerateDatasets: CommandPlugin {
  func performCommand(context: PluginContext, arguments: [String]) async throws {
    let noether = try context.tool(named: "noether").url
    let directory = context.package.directoryURL.appendingPathComponent("datasets")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var systems = ["spring-mass", "chemical-kinetics", "kepler"]
    if arguments.contains("--include-heat") { systems.append("heat-equation") }
    for system in systems {
      let out = directory.appendingPathComponent("\(system).h5").path
      let process = Process()
      process.executableURL = noether
      process.arguments = [
        "generate", "--system", system, "--seed", "2023", "--noise", "0.01", "--out", out, "--quiet",
      ]
      try process.run()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        Diagnostics.error("noether generate --system \(system) failed (status \(process.terminationStatus))")
        return
      }
      print("wrote \(out)")
    }
  }
}
