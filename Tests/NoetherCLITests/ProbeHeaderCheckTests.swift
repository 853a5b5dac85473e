import Foundation
import Testing

/// The probe's own bounds check of version-1 object headers (Sources/CHDF5/header_check.h):
/// damage that libhdf5 1.10.8 reads past without checking, where whether the read faults
/// depends on the heap around it, is refused by the probe every time, so that it can never
/// pass a file that then crashes the command reading it.
struct ProbeHeaderCheckTests {
  /// A generated file's bytes and the offset of its root `format` attribute's name.
  func generatedFile() throws -> (path: String, bytes: [UInt8], name: Int) {
    let path = temporaryDirectory() + "/data.h5"
    try run([
      "generate", "--system", "spring-mass", "--trajectories", "4", "--points", "12", "--out", path,
      "--quiet",
    ])
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let pattern = Array("format\0\0".utf8)
    let name = try #require(
      (8..<(bytes.count - pattern.count)).first { Array(bytes[$0..<$0 + pattern.count]) == pattern })
    // A version-1 attribute message: version 1, a reserved byte, name size 7 ("format\0").
    #expect(bytes[name - 8] == 1 && bytes[name - 6] == 7)
    return (path, bytes, name)
  }

  /// Writes `bytes` beside `path` and returns `probe-file`'s status and `inspect`'s error.
  func probeAndInspect(_ bytes: [UInt8], beside path: String) throws -> (probe: Int32, inspect: String) {
    let damaged = path.replacingOccurrences(of: "data.h5", with: "damaged.h5")
    try Data(bytes).write(to: URL(fileURLWithPath: damaged))
    let probe = try runNoether(["probe-file", damaged], environment: [:])
    let inspect = try runNoether(["inspect", damaged], environment: [:])
    #expect(inspect.status == 1)
    return (probe.status, inspect.errors.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  @Test func theUndamagedFilePassesTheProbe() throws {
    let file = try generatedFile()
    #expect(try runNoether(["probe-file", file.path], environment: [:]).status == 0)
  }

  /// The dataspace size of the `format` message raised from 8 to 32 776 bytes (bit 7 of its
  /// high byte): H5O_attr_decode would copy the value from 32 KB past the 64-byte message.
  @Test func anAttributeMessageWhosePartsOverrunItIsRefused() throws {
    var (path, bytes, name) = try generatedFile()
    bytes[name - 1] ^= 0x80
    let (probe, inspect) = try probeAndInspect(bytes, beside: path)
    #expect(probe == 4)
    #expect(inspect.contains("damaged.h5: HDF5 cannot read some of its objects or attributes"), "\(inspect)")
    #expect(!inspect.contains("\n"))
  }

  /// The `format` string's global heap index raised by 2¹⁴: H5HG_read would index the
  /// collection's object table 16 384 entries past its end.
  @Test func aStringNamingAGlobalHeapObjectThatIsNotThereIsRefused() throws {
    var (path, bytes, name) = try generatedFile()
    // The value follows the padded name (8), datatype (20 → 24) and dataspace (8): a
    // length (4), the collection's address (8) and the object's index (4).
    let value = name + 8 + 24 + 8
    #expect(bytes[value + 12] > 0 && bytes[value + 13] & 0x40 == 0)
    bytes[value + 13] ^= 0x40
    let (probe, inspect) = try probeAndInspect(bytes, beside: path)
    #expect(probe == 4)
    #expect(inspect.contains("damaged.h5: HDF5 cannot read some of its objects or attributes"), "\(inspect)")
  }
}
