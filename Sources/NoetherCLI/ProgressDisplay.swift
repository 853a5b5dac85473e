import Foundation
import NoetherCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Progress on standard error. On a terminal: one line per running phase (the phase,
/// steps done of all, elapsed time and an estimate of the rest), rewritten in place at
/// most ten times a second, and erased when the work ends, so that a comparison leaves
/// only its results on the screen. Elsewhere (a pipe, a log file): the plain lines
/// `[phase] step/total`, one per report. Quiet: nothing.
final class ProgressDisplay: Sendable {
  enum Mode: Sendable { case live, plain, quiet }

  private struct Phase {
    var step: Int
    var total: Int
    let started: Date
  }

  private struct Screen {
    var phases: [(name: String, phase: Phase)] = []
    var linesShown = 0
    var lastDrawn = Date.distantPast
  }

  let mode: Mode
  private let screen = Mutex(Screen())

  /// Live when standard error is a terminal (`NOETHER_PROGRESS=plain` forces plain lines).
  init(quiet: Bool) {
    if quiet {
      mode = .quiet
    } else if isatty(2) == 1 && ProcessInfo.processInfo.environment["NOETHER_PROGRESS"] != "plain" {
      mode = .live
    } else {
      mode = .plain
    }
  }

  /// The handler the runner and the methods report to.
  var handler: ProgressHandler {
    { [self] phase, step, total in report(phase, step, total) }
  }

  func report(_ name: String, _ step: Int, _ total: Int) {
    switch mode {
    case .quiet: return
    case .plain: printError("[\(name)] \(step)/\(total)")
    case .live:
      screen.withLock { screen in
        let now = Date()
        var changed = false
        if let index = screen.phases.firstIndex(where: { $0.name == name }) {
          screen.phases[index].phase.step = step
          screen.phases[index].phase.total = total
        } else {
          screen.phases.append((name, Phase(step: step, total: total, started: now)))
          changed = true
        }
        if step >= total && total > 0 {
          screen.phases.removeAll { $0.name == name }
          changed = true
        }
        if changed || now.timeIntervalSince(screen.lastDrawn) >= 0.1 { draw(&screen, now: now) }
      }
    }
  }

  /// Erases the live lines (call before printing results); nothing in other modes.
  func finish() {
    guard mode == .live else { return }
    screen.withLock { screen in
      screen.phases.removeAll()
      draw(&screen, now: Date())
    }
  }

  private func draw(_ screen: inout Screen, now: Date) {
    var text = screen.linesShown > 0 ? "\u{1B}[\(screen.linesShown)A\r" : "\r"
    text += "\u{1B}[J"
    let width = Self.terminalWidth()
    for (name, phase) in screen.phases {
      let elapsed = now.timeIntervalSince(phase.started)
      var line = "\(name): \(phase.step)/\(phase.total), \(Self.duration(elapsed)) elapsed"
      if phase.step > 0 && phase.total > phase.step {
        line +=
          ", about \(Self.duration(elapsed / Double(phase.step) * Double(phase.total - phase.step))) left"
      }
      text += String(line.prefix(max(width - 1, 10))) + "\n"
    }
    screen.linesShown = screen.phases.count
    screen.lastDrawn = now
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func duration(_ seconds: Double) -> String {
    seconds < 60
      ? "\(NumberFormat.fixed(seconds, digits: 1)) s"
      : "\(Int(seconds) / 60) min \(Int(seconds) % 60) s"
  }

  /// The terminal's columns (80 when it does not say).
  static func terminalWidth() -> Int {
    var size = winsize()
    guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }
}
