#ifndef NOETHER_CKERNELS_H
#define NOETHER_CKERNELS_H
#include <stddef.h>

/// y[i] = tanh(x[i]) for i < n, through glibc's vector math library (libmvec)
/// where the processor has AVX2, else the scalar libm tanh. x and y may alias.
void noether_tanh(const double *x, double *y, size_t n);

/// Process-wide tuning for training workloads: keeps glibc malloc from returning
/// large temporaries to the operating system after every step (mallopt), and sets
/// OpenBLAS to `blas_threads` threads (1 suits the skinny matrices of small MLPs).
void noether_tune_runtime(int blas_threads);

/// The number of threads OpenBLAS currently uses.
int noether_blas_threads(void);

#endif
