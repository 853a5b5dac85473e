import Foundation
import NoetherStore
import Testing

/// Output names as a user types them: bare one-character names in the working directory
/// (Foundation's `deletingLastPathComponent` trapped on them: `generate --out y` and
/// `report --out x` crashed), and the directory part of a path.
@Suite struct OutputPathTests {
  @Test func theDirectoryPartOfAPath() {
    let cases = [
      ("x", "."), ("pend.h5", "."), ("a/b", "a"), ("a/b/", "a"), ("/x", "/"), ("/", "/"), ("./x", "."),
      ("a//b", "a/"), ("dir/sub/file.h5", "dir/sub"),
    ]
    for (path, parent) in cases { #expect(parentPath(of: path) == parent, "\(path)") }
  }

  /// In a fresh working directory, every command writes to a bare one-character name.
  @Test func oneCharacterNamesInTheWorkingDirectoryAreWritten() throws {
    let dir = temporaryDirectory()
    func noether(_ arguments: [String]) throws -> Int32 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: noetherBinary)
      process.arguments = arguments
      process.currentDirectoryURL = URL(fileURLWithPath: dir)
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      return process.terminationStatus
    }
    let steps = [
      [
        "generate", "--system", "spring-mass", "--trajectories", "4", "--points", "10", "--out", "y",
        "--quiet",
      ],
      ["discover", "--data", "y", "--out", "w"],
      ["compare", "--data", "y", "--methods", "sindy", "--out", "v", "--quiet"],
      ["report", "v", "--out", "x"],
    ]
    for arguments in steps {
      #expect(try noether(arguments) == 0, "\(arguments)")
    }
    for name in ["y", "w", "v", "x/index.html"] {
      #expect(FileManager.default.fileExists(atPath: dir + "/" + name), "\(name)")
    }
    // A symbolic link in the working directory with a relative target: written through
    // to the target beside it (it went to /target.h5 before).
    try FileManager.default.createSymbolicLink(atPath: dir + "/link.h5", withDestinationPath: "target.h5")
    #expect(
      try noether(["generate", "--system", "spring-mass", "--points", "10", "--out", "link.h5", "--quiet"])
        == 0)
    #expect(FileManager.default.fileExists(atPath: dir + "/target.h5"))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.h5") == "target.h5")
  }
}
