import CHDF5

/// Booleans as h5py stores them (an int8 enumeration, FALSE = 0, TRUE = 1), which h5py
/// and numpy read back as `bool`: The Well's layout needs them for masks and flags.
extension HDF5File {
  /// Writes a boolean dataset of `shape`.
  public func write(_ name: String, bools values: [Bool], shape: [Int]) throws {
    let type = noether_h5t_bool_create()
    defer { H5Tclose(type) }
    try write(name, values.map { Int8($0 ? 1 : 0) }, shape: shape, fileType: type, memoryType: type)
  }

  /// Writes a boolean attribute: a scalar for one value unless `array`, else a 1-D array.
  public func setAttribute(_ name: String, bools values: [Bool], on object: String = "/", array: Bool = false)
    throws
  {
    let type = noether_h5t_bool_create()
    defer { H5Tclose(type) }
    var dims = [hsize_t(values.count)]
    let space = values.count == 1 && !array ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &dims, nil)
    defer { H5Sclose(space) }
    var bytes = values.map { Int8($0 ? 1 : 0) }
    try withAttributeCreated(name, on: object, type: type, space: space) { attribute in
      H5Awrite(attribute, type, &bytes)
    }
  }
}
