import Foundation
import NoetherCompare
import NoetherCore
import NoetherStore

/// Runs `body`, turning Noether's errors into one-line command-line errors.
func cliResult<T>(_ body: () throws -> T) throws -> T {
  do { return try body() } catch let error as NoetherError {
    throw CommandLineError(error.description)
  } catch let error as StoreError {
    throw CommandLineError(error.description)
  } catch let error as ReportWriter.Failure {
    throw CommandLineError(error.description)
  }
}

/// An error the command line prints as one line, `Error: <message>`, exiting with status 1.
struct CommandLineError: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}

/// Writes a progress line to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// The long names of a command's or option group's options, read off its declaration by
/// reflection, as ArgumentParser names them (`stepProjection` is `step-projection`); an
/// `@OptionGroup` appears under its property's name.
func optionNames(of value: Any) -> [String] {
  Mirror(reflecting: value).children.compactMap { child in
    child.label.map { label in
      label.dropFirst().reduce(into: "") { name, character in
        if character.isUppercase { name += "-" + character.lowercased() } else { name.append(character) }
      }
    }
  }
}
