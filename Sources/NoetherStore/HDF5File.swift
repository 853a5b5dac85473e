import CHDF5
import Foundation
import NoetherCore
import Synchronization

/// Serialises every HDF5 call: Debian's serial HDF5 library is not thread-safe.
public let hdf5Mutex = Mutex(())

/// A small, typed view of an open HDF5 file: datasets of doubles and 32-bit integers
/// with their shapes, groups, and numeric and string attributes. Every failure throws
/// a ``StoreError`` naming the file; nothing here traps on a bad file.
///
/// Not thread-safe by itself: callers hold ``hdf5Mutex``.
public final class HDF5File {
  public let path: String
  let fileID: hid_t
  private var id: hid_t { fileID }

  private init(path: String, id: hid_t) {
    self.path = path
    self.fileID = id
  }

  deinit { H5Fclose(id) }

  /// Creates (truncating) a file at `path`.
  public static func create(_ path: String) throws -> HDF5File {
    noether_h5_silence_errors()
    let id = H5Fcreate(path, noether_h5f_acc_trunc(), noether_h5p_default(), noether_h5p_default())
    guard id >= 0 else { throw StoreError.writeFailed(path: path, reason: "HDF5 could not create the file") }
    return HDF5File(path: path, id: id)
  }

  /// Opens an existing file read-only, checking that it exists and is HDF5.
  public static func open(_ path: String) throws -> HDF5File {
    noether_h5_silence_errors()
    guard FileManager.default.fileExists(atPath: path) else { throw StoreError.fileNotFound(path: path) }
    guard H5Fis_hdf5(path) > 0 else { throw StoreError.notHDF5(path: path) }
    let id = H5Fopen(path, noether_h5f_acc_rdonly(), noether_h5p_default())
    guard id >= 0 else { throw StoreError.notHDF5(path: path) }
    return HDF5File(path: path, id: id)
  }

  // MARK: - Objects

  /// True when a link `name` (a path such as `invariants/energy`) exists.
  public func exists(_ name: String) -> Bool {
    var prefix = ""
    for part in name.split(separator: "/") {
      prefix += (prefix.isEmpty ? "" : "/") + part
      if H5Lexists(id, prefix, noether_h5p_default()) <= 0 { return false }
    }
    return true
  }

  /// Creates a group (and no parents).
  public func createGroup(_ name: String) throws {
    let g = H5Gcreate2(id, name, noether_h5p_default(), noether_h5p_default(), noether_h5p_default())
    guard g >= 0 else { throw StoreError.hdf5(path: path, operation: "create group '\(name)'") }
    H5Gclose(g)
  }

  /// The names of the links in group `name`.
  public func members(of name: String) throws -> [String] {
    let g = H5Gopen2(id, name, noether_h5p_default())
    guard g >= 0 else { throw StoreError.missing(path: path, object: name) }
    defer { H5Gclose(g) }
    var info = H5G_info_t()
    guard H5Gget_info(g, &info) >= 0 else { throw StoreError.hdf5(path: path, operation: "list '\(name)'") }
    var names = [String]()
    for k in 0..<info.nlinks {
      let size = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, k, nil, 0, noether_h5p_default())
      guard size >= 0 else { throw StoreError.hdf5(path: path, operation: "list '\(name)'") }
      var buffer = [CChar](repeating: 0, count: Int(size) + 1)
      H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, k, &buffer, size + 1, noether_h5p_default())
      names.append(String(decoding: buffer.prefix(Int(size)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    return names
  }

  // MARK: - Datasets

  /// Writes `values` (row-major) as a float64 dataset of `shape`.
  public func write(_ name: String, doubles values: [Double], shape: [Int]) throws {
    try write(
      name, values, shape: shape, fileType: noether_h5t_ieee_f64le(), memoryType: noether_h5t_native_double())
  }

  /// Writes `values` (row-major) as a float32 dataset of `shape`.
  public func write(_ name: String, floats values: [Float], shape: [Int]) throws {
    try write(
      name, values, shape: shape, fileType: noether_h5t_ieee_f32le(), memoryType: noether_h5t_native_float())
  }

  /// Writes `values` as an int32 dataset of `shape`.
  public func write(_ name: String, int32s values: [Int32], shape: [Int]) throws {
    try write(
      name, values, shape: shape, fileType: noether_h5t_std_i32le(), memoryType: noether_h5t_native_int32())
  }

  /// Creates dataset `name` of `fileType` and `shape` and writes `values`, laid out in
  /// memory as `memoryType`.
  func write<Element: BitwiseCopyable>(
    _ name: String, _ values: [Element], shape: [Int], fileType: hid_t, memoryType: hid_t
  ) throws {
    guard shape.reduce(1, *) == values.count else {
      throw StoreError.wrongLayout(
        path: path, object: name, problem: "has \(values.count) values for shape \(shape)")
    }
    var dims = shape.map { hsize_t($0) }
    let space = H5Screate_simple(Int32(dims.count), &dims, nil)
    guard space >= 0 else { throw StoreError.hdf5(path: path, operation: "make a dataspace for '\(name)'") }
    defer { H5Sclose(space) }
    let properties = compressionProperties(shape: shape, elementSize: H5Tget_size(fileType))
    defer { if properties != noether_h5p_default() { H5Pclose(properties) } }
    let dset = H5Dcreate2(id, name, fileType, space, noether_h5p_default(), properties, noether_h5p_default())
    guard dset >= 0 else { throw StoreError.hdf5(path: path, operation: "create dataset '\(name)'") }
    defer { H5Dclose(dset) }
    guard !values.isEmpty else { return }
    let status = values.withUnsafeBytes {
      H5Dwrite(dset, memoryType, noether_h5s_all(), noether_h5s_all(), noether_h5p_default(), $0.baseAddress)
    }
    guard status >= 0 else { throw StoreError.hdf5(path: path, operation: "write '\(name)'") }
  }

  /// Dataset-creation properties: for arrays over 64 KiB, chunks of at most 1 MiB
  /// (split along the first axis) with the shuffle and deflate filters, which every
  /// HDF5 reader (h5py included) decodes. Smaller arrays are stored contiguously.
  private func compressionProperties(shape: [Int], elementSize: Int) -> hid_t {
    let bytes = shape.reduce(1, *) * elementSize
    guard bytes > 65_536, !shape.isEmpty, H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0 else {
      return noether_h5p_default()
    }
    let plist = H5Pcreate(noether_h5p_dataset_create())
    guard plist >= 0 else { return noether_h5p_default() }
    let rowBytes = max(1, bytes / shape[0])
    var chunk = shape.map { hsize_t($0) }
    chunk[0] = hsize_t(max(1, min(shape[0], (1 << 20) / rowBytes)))
    if H5Pset_chunk(plist, Int32(chunk.count), &chunk) < 0 || H5Pset_shuffle(plist) < 0
      || H5Pset_deflate(plist, 4) < 0
    {
      H5Pclose(plist)
      return noether_h5p_default()
    }
    return plist
  }

  /// The shape of dataset `name`.
  public func shape(of name: String) throws -> [Int] {
    try withDataset(name) { dset, space, rank in
      var dims = [hsize_t](repeating: 0, count: rank)
      guard H5Sget_simple_extent_dims(space, &dims, nil) >= 0 else {
        throw StoreError.hdf5(path: path, operation: "read the shape of '\(name)'")
      }
      return dims.map { Int($0) }
    }
  }

  /// Reads a numeric dataset as doubles (HDF5 converts integers and float32).
  public func readDoubles(_ name: String) throws -> (values: [Double], shape: [Int]) {
    let shape = try shape(of: name)
    let values: [Double] = try readNumeric(
      name, count: shape.reduce(1, *), memoryType: noether_h5t_native_double())
    return (values, shape)
  }

  /// Reads a numeric dataset as 32-bit integers.
  public func readInt32s(_ name: String) throws -> (values: [Int32], shape: [Int]) {
    let shape = try shape(of: name)
    let values: [Int32] = try readNumeric(
      name, count: shape.reduce(1, *), memoryType: noether_h5t_native_int32())
    return (values, shape)
  }

  private func readNumeric<T: Numeric>(_ name: String, count: Int, memoryType: hid_t) throws -> [T] {
    try withDataset(name) { dset, _, _ in
      let type = H5Dget_type(dset)
      defer { H5Tclose(type) }
      let typeClass = H5Tget_class(type)
      guard typeClass == H5T_FLOAT || typeClass == H5T_INTEGER else {
        throw StoreError.wrongLayout(path: path, object: name, problem: "is not numeric")
      }
      guard count > 0 else { return [] }
      try checkStorage(of: dset, name: name, count: count, elementSize: MemoryLayout<T>.size)
      var values = [T](repeating: 0, count: count)
      let status = values.withUnsafeMutableBytes {
        H5Dread(dset, memoryType, noether_h5s_all(), noether_h5s_all(), noether_h5p_default(), $0.baseAddress)
      }
      guard status >= 0 else { throw StoreError.hdf5(path: path, operation: "read '\(name)'") }
      return values
    }
  }

  /// The deflate filter's largest possible compression ratio is about 1032 : 1; no
  /// filtered dataset can hold more than this many times its stored bytes.
  static let largestCompressionRatio = 1100

  /// Refuses, before anything is allocated, a dataset whose declared size its file
  /// cannot hold: more bytes than this machine's memory, stored bytes beyond the file's
  /// size, or (unfiltered) fewer stored bytes than the values need, or (filtered) more
  /// values than any compression could pack into its stored bytes.
  private func checkStorage(of dset: hid_t, name: String, count: Int, elementSize: Int) throws {
    let (bytes, overflow) = count.multipliedReportingOverflow(by: elementSize)
    let memory = Int(clamping: ProcessInfo.processInfo.physicalMemory)
    guard !overflow, bytes <= memory / 2 else {
      throw StoreError.wrongLayout(
        path: path, object: name,
        problem:
          "declares \(count) values (\(overflow ? "more than 2⁶³ bytes" : NumberFormat.bytes(bytes))), more than half this machine's memory (\(NumberFormat.bytes(memory))); the file is damaged or too large to read here"
      )
    }
    let stored = Int(clamping: H5Dget_storage_size(dset))
    let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    if let fileSize, stored > fileSize {
      throw StoreError.wrongLayout(
        path: path, object: name,
        problem:
          "declares \(stored) stored bytes in a file of \(fileSize) bytes; the file is damaged or truncated")
    }
    let plist = H5Dget_create_plist(dset)
    let filters = plist >= 0 ? Int(H5Pget_nfilters(plist)) : 0
    if plist >= 0 { H5Pclose(plist) }
    let fileType = H5Dget_type(dset)
    let fileElementSize = fileType >= 0 ? max(Int(H5Tget_size(fileType)), 1) : elementSize
    if fileType >= 0 { H5Tclose(fileType) }
    let needed = count.multipliedReportingOverflow(by: fileElementSize)
    if filters == 0 {
      guard !needed.overflow, stored >= needed.partialValue else {
        throw StoreError.wrongLayout(
          path: path, object: name,
          problem:
            "declares \(count) values of \(fileElementSize) bytes but stores \(stored) bytes; the file is damaged or truncated"
        )
      }
    } else {
      guard stored > 0, !needed.overflow, needed.partialValue / Self.largestCompressionRatio <= stored else {
        throw StoreError.wrongLayout(
          path: path, object: name,
          problem:
            "declares \(count) values but stores only \(stored) compressed bytes, more than any compression packs; the file is damaged"
        )
      }
    }
  }

  private func withDataset<R>(_ name: String, _ body: (hid_t, hid_t, Int) throws -> R) throws -> R {
    guard exists(name) else { throw StoreError.missing(path: path, object: name) }
    let dset = H5Dopen2(id, name, noether_h5p_default())
    guard dset >= 0 else {
      throw StoreError.wrongLayout(path: path, object: name, problem: "is not a dataset")
    }
    defer { H5Dclose(dset) }
    let space = H5Dget_space(dset)
    guard space >= 0 else { throw StoreError.hdf5(path: path, operation: "read the dataspace of '\(name)'") }
    defer { H5Sclose(space) }
    let rank = H5Sget_simple_extent_ndims(space)
    guard rank >= 0 else { throw StoreError.hdf5(path: path, operation: "read the rank of '\(name)'") }
    return try body(dset, space, Int(rank))
  }
}
