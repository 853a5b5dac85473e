import CHDF5

/// The structural probe of `noether probe-file` (run in a child process by the command
/// line's untrusted-file check): opens `path` with HDF5 and reads every object,
/// attribute and dataspace. 0: fine; -1: HDF5 cannot open it; -2: some part is unreadable.
public func probeHDF5Structure(_ path: String) -> Int32 {
  noether_h5_probe(path)
}
