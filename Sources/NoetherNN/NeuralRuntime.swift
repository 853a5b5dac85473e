import CKernels

/// Process-wide settings that decide training speed on CPUs (see docs/architecture.md):
/// glibc malloc keeps large temporaries instead of returning them to the OS each step,
/// and OpenBLAS uses `blasThreads` threads (1 suits the skinny matrices of small MLPs).
public enum NeuralRuntime {
  /// Applies the settings; cheap, and safe to call more than once.
  public static func configure(blasThreads: Int = 1) {
    noether_tune_runtime(Int32(blasThreads))
  }

  /// The number of threads OpenBLAS uses now.
  public static var blasThreads: Int { Int(noether_blas_threads()) }
}
