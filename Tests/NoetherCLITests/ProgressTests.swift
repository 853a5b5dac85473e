import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What a terminal shows after `output`: carriage return, line feed, cursor up
/// (ESC [ n A), erase to the end of the screen (ESC [ J) and of the line (ESC [ 2K);
/// the lines that remain, and the most lines of progress ever shown at once.
func terminalScreen(_ output: String) -> (lines: [String], mostLive: Int) {
  var lines = [[Character]]()
  var row = 0
  var column = 0
  var mostLive = 0
  var characters = Array(output)[...]
  func ensure() { while lines.count <= row { lines.append([]) } }
  while let c = characters.popFirst() {
    switch c {
    case "\r": column = 0
    case "\n", "\r\n":
      row += 1
      column = 0
    case "\u{1B}":
      guard characters.first == "[" else { continue }
      characters.removeFirst()
      var digits = ""
      while let d = characters.first, d.isNumber {
        digits.append(d)
        characters.removeFirst()
      }
      let command = characters.popFirst()
      if command == "A" { row = max(0, row - (Int(digits) ?? 1)) }
      if command == "J" { lines.removeLast(max(0, lines.count - row)) }
      if command == "K" {
        ensure()
        lines[row] = []
      }
    default:
      ensure()
      while lines[row].count < column { lines[row].append(" ") }
      if column < lines[row].count { lines[row][column] = c } else { lines[row].append(c) }
      column += 1
    }
    let live = lines.filter { String($0).contains(" elapsed") }.count
    mostLive = max(mostLive, live)
  }
  return (lines.map { String($0) }, mostLive)
}

/// Runs the `noether` binary with standard output and error on a new pseudo-terminal of
/// 120 columns; returns everything the terminal received.
func runOnTerminal(_ arguments: [String]) throws -> (status: Int32, output: String) {
  // posix_openpt and friends are not imported from Glibc: open the multiplexer and use
  // Linux's ioctls, TIOCSPTLCK (unlock) and TIOCGPTN (the terminal's number).
  let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
  var unlock: Int32 = 0
  var number: UInt32 = 0
  #expect(master >= 0 && ioctl(master, 0x4004_5431, &unlock) == 0 && ioctl(master, 0x8004_5430, &number) == 0)
  let name = "/dev/pts/\(number)"
  let slave = open(name, O_RDWR | O_NOCTTY)
  var size = winsize(ws_row: 50, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
  _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: noetherBinary)
  process.arguments = arguments
  var environment = ProcessInfo.processInfo.environment
  environment["NOETHER_PROGRESS"] = nil
  process.environment = environment
  let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
  process.standardOutput = terminal
  process.standardError = terminal
  try process.run()
  close(slave)
  var bytes = [UInt8]()
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let count = read(master, &buffer, buffer.count)
    if count <= 0 { break }  // EIO once the child has closed the terminal
    bytes += buffer.prefix(count)
  }
  process.waitUntilExit()
  close(master)
  return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
}

@Suite(.serialized) struct ProgressTests {
  static func arguments(_ dir: String) -> [String] {
    ["compare", "--methods", "baseline,concernet", "--epochs", "40", "--out", dir + "/r.h5"]
  }

  @Test func onATerminalTheProgressLinesAreRewrittenInPlaceAndErased() throws {
    let dir = temporaryDirectory()
    let (status, output) = try runOnTerminal(Self.arguments(dir))
    #expect(status == 0)
    // Live lines: the phase, epochs done, elapsed time, an estimate of the rest.
    let live = try #require(
      output.range(
        of: #"baseline dynamics: \d+/40, \d+\.\d s elapsed, about \d+\.\d s left"#,
        options: .regularExpression))
    #expect(!output[live].isEmpty)
    #expect(!output.contains("[baseline dynamics]"), "plain progress lines on a terminal")
    let screen = terminalScreen(output)
    // Two methods train side by side: a few lines at once, never one per report.
    #expect((2...3).contains(screen.mostLive), "\(screen.mostLive) live lines at once")
    let remaining = screen.lines.filter { !$0.isEmpty }
    #expect(remaining.allSatisfy { !$0.contains(" elapsed") }, "\(remaining)")
    #expect(remaining.contains { $0.hasPrefix("spring-mass: 1 seed(s) 2023") })
    #expect(remaining.contains { $0.hasPrefix("concernet") && $0.contains(" ok ") })
    #expect(
      remaining.count < 15,
      "\(remaining.count) lines left on the screen:\n\(remaining.joined(separator: "\n"))")
  }

  @Test func offATerminalTheLinesArePlainAndQuietPrintsOnlyTheResults() throws {
    let dir = temporaryDirectory()
    let plain = try runNoether(Self.arguments(dir))
    #expect(plain.status == 0)
    let lines = plain.errors.split(separator: "\n")
    #expect(lines.filter { $0.hasPrefix("[baseline dynamics] ") }.count >= 10, "\(plain.errors)")
    #expect(!plain.errors.contains("\u{1B}["))
    let (status, output) = try runOnTerminal(Self.arguments(dir) + ["--quiet"])
    #expect(status == 0)
    let screen = terminalScreen(output).lines.filter { !$0.isEmpty }
    #expect(!output.contains("\u{1B}["), "--quiet drew progress")
    #expect(screen.first?.hasPrefix("spring-mass: 1 seed(s) 2023") == true, "\(screen)")
    #expect(screen.allSatisfy { !$0.contains("elapsed") && !$0.hasPrefix("wrote") })
  }
}
