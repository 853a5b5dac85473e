import CHDF5
import Foundation
import NoetherCore

/// Attributes on the root group or on any object, as strings (variable-length
/// UTF-8 when written; fixed- or variable-length when read), string arrays, doubles
/// and 64-bit integers.
extension HDF5File {
  /// Writes the root attributes every Noether file starts with: `format`,
  /// `format_version` and `noether_version`.
  public func writeHeader(format: String, version: Double) throws {
    try setAttribute("format", string: format)
    try setAttribute("format_version", double: version)
    try setAttribute("noether_version", string: NoetherVersion.string)
  }

  /// The root attribute `format` (which kind of Noether file this is), or `none`.
  public func format() throws -> String {
    hasAttribute("format") ? try stringAttribute("format") : "none"
  }

  /// The `format` of the file at `path`, or nil when it is not a readable HDF5 file;
  /// raises nothing (takes ``hdf5Mutex`` itself).
  public static func format(of path: String) -> String? {
    hdf5Mutex.withLock { _ in
      guard let file = try? HDF5File.open(path) else { return nil }
      return try? file.format()
    }
  }

  /// Writes a variable-length UTF-8 string attribute (h5py reads it as `str`).
  public func setAttribute(_ name: String, string value: String, on object: String = "/") throws {
    try setAttribute(name, strings: [value], on: object, scalar: true)
  }

  /// Writes a 1-D array of variable-length UTF-8 strings.
  public func setAttribute(
    _ name: String, strings values: [String], on object: String = "/", scalar: Bool = false
  )
    throws
  {
    let type = H5Tcopy(noether_h5t_c_s1())
    defer { H5Tclose(type) }
    H5Tset_size(type, noether_h5t_variable())
    H5Tset_cset(type, H5T_CSET_UTF8)
    var dims = [hsize_t(values.count)]
    let space = scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &dims, nil)
    defer { H5Sclose(space) }
    let copies = values.map { strdup($0) }
    defer { for copy in copies { free(copy) } }
    var pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
    try withAttributeCreated(name, on: object, type: type, space: space) { attribute in
      H5Awrite(attribute, type, &pointers)
    }
  }

  /// Writes a float64 scalar attribute.
  public func setAttribute(_ name: String, double value: Double, on object: String = "/") throws {
    var v = value
    let space = H5Screate(H5S_SCALAR)
    defer { H5Sclose(space) }
    try withAttributeCreated(name, on: object, type: noether_h5t_ieee_f64le(), space: space) {
      H5Awrite($0, noether_h5t_native_double(), &v)
    }
  }

  /// Writes a 1-D float64 array attribute.
  public func setAttribute(_ name: String, doubles values: [Double], on object: String = "/") throws {
    var dims = [hsize_t(values.count)]
    let space = H5Screate_simple(1, &dims, nil)
    defer { H5Sclose(space) }
    try withAttributeCreated(name, on: object, type: noether_h5t_ieee_f64le(), space: space) {
      H5Awrite($0, noether_h5t_native_double(), values)
    }
  }

  /// Writes an unsigned 64-bit scalar attribute.
  public func setAttribute(_ name: String, uint64 value: UInt64, on object: String = "/") throws {
    var v = value
    let space = H5Screate(H5S_SCALAR)
    defer { H5Sclose(space) }
    try withAttributeCreated(name, on: object, type: noether_h5t_std_u64le(), space: space) {
      H5Awrite($0, noether_h5t_native_uint64(), &v)
    }
  }

  func withAttributeCreated(
    _ name: String, on object: String, type: hid_t, space: hid_t, write: (hid_t) -> herr_t
  ) throws {
    let attribute = H5Acreate_by_name(
      fileID, object, name, type, space, noether_h5p_default(), noether_h5p_default(), noether_h5p_default())
    guard attribute >= 0 else {
      throw StoreError.hdf5(path: path, operation: "create attribute '\(name)' on '\(object)'")
    }
    defer { H5Aclose(attribute) }
    guard write(attribute) >= 0 else {
      throw StoreError.hdf5(path: path, operation: "write attribute '\(name)'")
    }
  }

  /// The names of the attributes of `object`.
  public func attributeNames(on object: String) throws -> [String] {
    var info = H5O_info_t()
    guard H5Oget_info_by_name2(fileID, object, &info, UInt32(H5O_INFO_NUM_ATTRS), noether_h5p_default()) >= 0
    else {
      throw StoreError.missing(path: path, object: object)
    }
    var names = [String]()
    for k in 0..<info.num_attrs {
      let size = H5Aget_name_by_idx(
        fileID, object, H5_INDEX_NAME, H5_ITER_INC, k, nil, 0, noether_h5p_default())
      guard size >= 0 else { throw StoreError.hdf5(path: path, operation: "list attributes of '\(object)'") }
      var buffer = [CChar](repeating: 0, count: Int(size) + 1)
      H5Aget_name_by_idx(
        fileID, object, H5_INDEX_NAME, H5_ITER_INC, k, &buffer, size + 1, noether_h5p_default())
      names.append(String(decoding: buffer.prefix(Int(size)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    return names
  }

  /// True when `object` has an attribute `name`.
  public func hasAttribute(_ name: String, on object: String = "/") -> Bool {
    H5Aexists_by_name(fileID, object, name, noether_h5p_default()) > 0
  }

  /// Reads a string attribute, or a 1-D array of strings, fixed- or variable-length.
  public func stringsAttribute(_ name: String, on object: String = "/") throws -> [String] {
    try withAttributeOpened(name, on: object) { attribute in
      let type = H5Aget_type(attribute)
      defer { H5Tclose(type) }
      let points = H5Aget_space(attribute)
      defer { H5Sclose(points) }
      // An empty list (h5py writes `[]` as an empty float64 array) holds no strings.
      if H5Sget_simple_extent_type(points) == H5S_SIMPLE && H5Sget_simple_extent_npoints(points) == 0 {
        return []
      }
      guard H5Tget_class(type) == H5T_STRING else {
        throw StoreError.wrongLayout(
          path: path, object: "\(object)@\(name)", problem: "is not a string attribute")
      }
      let space = H5Aget_space(attribute)
      defer { H5Sclose(space) }
      let count = Int(H5Sget_simple_extent_npoints(space))
      guard count > 0 else { return [] }
      if H5Tis_variable_str(type) > 0 {
        let memoryType = H5Tcopy(noether_h5t_c_s1())
        defer { H5Tclose(memoryType) }
        H5Tset_size(memoryType, noether_h5t_variable())
        H5Tset_cset(memoryType, H5Tget_cset(type))
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
        guard H5Aread(attribute, memoryType, &pointers) >= 0 else {
          throw StoreError.hdf5(path: path, operation: "read attribute '\(name)'")
        }
        defer { for case let p? in pointers { H5free_memory(p) } }
        return pointers.map { $0.map { String(cString: $0) } ?? "" }
      }
      let size = H5Tget_size(type)
      guard size > 0 else { return Array(repeating: "", count: count) }
      var buffer = [CChar](repeating: 0, count: size * count)
      guard H5Aread(attribute, type, &buffer) >= 0 else {
        throw StoreError.hdf5(path: path, operation: "read attribute '\(name)'")
      }
      return (0..<count).map { k in
        let bytes = buffer[(k * size)..<((k + 1) * size)].prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self).trimmingTrailingSpaces()
      }
    }
  }

  /// Reads a string attribute (the first element of an array attribute).
  public func stringAttribute(_ name: String, on object: String = "/") throws -> String {
    try stringsAttribute(name, on: object).first ?? ""
  }

  /// Reads a numeric scalar attribute as a double.
  public func doubleAttribute(_ name: String, on object: String = "/") throws -> Double {
    var value = 0.0
    try readNumericAttribute(name, on: object, memoryType: noether_h5t_native_double(), into: &value)
    return value
  }

  /// Reads a numeric attribute, a scalar or a 1-D array, as doubles.
  public func doublesAttribute(_ name: String, on object: String = "/") throws -> [Double] {
    try withAttributeOpened(name, on: object) { attribute in
      let type = H5Aget_type(attribute)
      defer { H5Tclose(type) }
      let space = H5Aget_space(attribute)
      defer { H5Sclose(space) }
      let typeClass = H5Tget_class(type)
      guard typeClass == H5T_FLOAT || typeClass == H5T_INTEGER, H5Sget_simple_extent_ndims(space) <= 1 else {
        throw StoreError.wrongLayout(
          path: path, object: "\(object)@\(name)", problem: "is not a number or a list of numbers")
      }
      var values = [Double](repeating: 0, count: Int(max(H5Sget_simple_extent_npoints(space), 0)))
      guard values.isEmpty || H5Aread(attribute, noether_h5t_native_double(), &values) >= 0 else {
        throw StoreError.hdf5(path: path, operation: "read attribute '\(name)'")
      }
      return values
    }
  }

  /// Reads a numeric scalar attribute as an unsigned 64-bit integer.
  public func uint64Attribute(_ name: String, on object: String = "/") throws -> UInt64 {
    var value: UInt64 = 0
    try readNumericAttribute(name, on: object, memoryType: noether_h5t_native_uint64(), into: &value)
    return value
  }

  private func readNumericAttribute<T: BitwiseCopyable>(
    _ name: String, on object: String, memoryType: hid_t, into value: inout T
  ) throws {
    try withAttributeOpened(name, on: object) { attribute in
      let type = H5Aget_type(attribute)
      defer { H5Tclose(type) }
      let typeClass = H5Tget_class(type)
      let space = H5Aget_space(attribute)
      defer { H5Sclose(space) }
      guard typeClass == H5T_FLOAT || typeClass == H5T_INTEGER, H5Sget_simple_extent_npoints(space) == 1
      else {
        throw StoreError.wrongLayout(
          path: path, object: "\(object)@\(name)", problem: "is not a numeric scalar")
      }
      guard H5Aread(attribute, memoryType, &value) >= 0 else {
        throw StoreError.hdf5(path: path, operation: "read attribute '\(name)'")
      }
    }
  }

  private func withAttributeOpened<R>(_ name: String, on object: String, _ body: (hid_t) throws -> R) throws
    -> R
  {
    guard hasAttribute(name, on: object) else {
      throw StoreError.missing(path: path, object: "\(object)@\(name)")
    }
    let attribute = H5Aopen_by_name(fileID, object, name, noether_h5p_default(), noether_h5p_default())
    guard attribute >= 0 else { throw StoreError.hdf5(path: path, operation: "open attribute '\(name)'") }
    defer { H5Aclose(attribute) }
    return try body(attribute)
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
