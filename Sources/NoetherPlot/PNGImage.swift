import Foundation

/// An 8-bit RGB image and its PNG encoding, written without any image library: the
/// pixel rows go into stored (uncompressed) deflate blocks inside one zlib stream,
/// with the CRC-32 and Adler-32 checksums PNG and zlib require.
public struct PNGImage {
  public let width: Int
  public let height: Int
  /// Row-major RGB bytes, top row first; count = width · height · 3.
  public var pixels: [UInt8]

  public init(width: Int, height: Int) {
    precondition(width > 0 && height > 0, "a PNG image needs at least one pixel")
    self.width = width
    self.height = height
    pixels = Array(repeating: 255, count: width * height * 3)
  }

  public subscript(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
    get {
      let k = (y * width + x) * 3
      return (pixels[k], pixels[k + 1], pixels[k + 2])
    }
    set {
      let k = (y * width + x) * 3
      (pixels[k], pixels[k + 1], pixels[k + 2]) = newValue
    }
  }

  /// The PNG file's bytes.
  public var pngData: [UInt8] {
    var raw = [UInt8]()
    raw.reserveCapacity(height * (width * 3 + 1))
    for y in 0..<height {
      raw.append(0)  // filter type: none
      raw += pixels[(y * width * 3)..<((y + 1) * width * 3)]
    }
    var header = [UInt8]()
    header += bigEndian(UInt32(width))
    header += bigEndian(UInt32(height))
    header += [8, 2, 0, 0, 0]  // 8 bits, RGB, deflate, adaptive filtering, no interlace
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    out += chunk("IHDR", header)
    out += chunk("IDAT", zlibStored(raw))
    out += chunk("IEND", [])
    return out
  }

  /// A `data:image/png;base64,…` URI of the image.
  public var dataURI: String {
    "data:image/png;base64," + Data(pngData).base64EncodedString()
  }

  private func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
    let typeBytes = Array(type.utf8)
    return bigEndian(UInt32(body.count)) + typeBytes + body + bigEndian(crc32(typeBytes + body))
  }

  /// A zlib stream holding `data` in stored deflate blocks of at most 65 535 bytes.
  private func zlibStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    var start = 0
    repeat {
      let end = min(start + 65_535, data.count)
      let length = UInt16(end - start)
      out.append(end == data.count ? 1 : 0)
      out += [UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8(~length >> 8)]
      out += data[start..<end]
      start = end
    } while start < data.count
    var a: UInt32 = 1
    var b: UInt32 = 0
    for byte in data {
      a = (a + UInt32(byte)) % 65_521
      b = (b + a) % 65_521
    }
    return out + bigEndian(b << 16 | a)
  }
}

private func bigEndian(_ value: UInt32) -> [UInt8] {
  [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
}

/// CRC-32 (ISO 3309, the polynomial PNG uses).
func crc32(_ bytes: [UInt8]) -> UInt32 {
  var crc: UInt32 = 0xffff_ffff
  for byte in bytes {
    crc ^= UInt32(byte)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
  }
  return ~crc
}
