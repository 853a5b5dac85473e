import CHDF5

/// The structural probe of `noether probe-file` (run in a child process by the command
/// line's untrusted-file check): opens `path` with HDF5 and reads every object,
/// attribute and dataspace. 0: fine; -1: HDF5 cannot open it; -2: some part is unreadable.
public func probeHDF5Structure(_ path: String) -> Int32 {
  noether_h5_probe(path)
}

/// Makes this (probe) process end by itself: killed when its parent `parent` dies, and
/// by SIGALRM after `seconds`, so that a library hang never outlives the command.
public func guardProbeProcess(seconds: UInt32, parent: Int32) {
  noether_guard_probe_process(seconds, parent)
}
