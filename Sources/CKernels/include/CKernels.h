#ifndef NOETHER_CKERNELS_H
#define NOETHER_CKERNELS_H
#include <stddef.h>

/// y[i] = tanh(x[i]) for i < n, vectorised (AVX-512, AVX2 or baseline, chosen at load
/// time), within 6 ulp of glibc's tanh; NaN gives NaN. x and y may alias.
void noether_tanh(const double *x, double *y, size_t n);

/// a = tanh(z) and d1 = 1 − a², elementwise over n values.
void noether_tanh_with_derivative(const double *z, double *a, double *d1, size_t n);

/// d1 = 1 − a², elementwise over n values (tanh′ from tanh).
void noether_one_minus_square(const double *a, double *d1, size_t n);

/// Process-wide tuning for training workloads: keeps glibc malloc from returning
/// large temporaries to the operating system after every step (mallopt, on the first
/// call only), and sets OpenBLAS to `blas_threads` threads (1 suits the skinny matrices
/// of small MLPs) when it uses a different number.
void noether_tune_runtime(int blas_threads);

/// The number of threads OpenBLAS currently uses.
int noether_blas_threads(void);

// Row-major kernels for small inner dimensions, where BLAS's packing costs more than
// the arithmetic. Each is compiled for AVX-512, AVX2+FMA and baseline x86-64 and
// chosen at load time.

/// out[n×m] = x[n×k]·w[k×m] + b[m] (b may be NULL).
void noether_affine(const double *x, size_t n, size_t k, const double *w, size_t m, const double *b,
                    double *out);

/// out[n×k] = u[n×m]·w[k×m]ᵀ.
void noether_times_transposed(const double *u, size_t n, size_t m, const double *w, size_t k, double *out);

/// out[k×m] = a[n×k]ᵀ·b[n×m].
void noether_transposed_times(const double *a, size_t n, size_t k, const double *b, size_t m, double *out);

/// out[i][j] = x[i][j]·row[j] (x n×m).
void noether_multiply_row(const double *x, size_t n, size_t m, const double *row, double *out);

/// out[i] = x[i]·y[i].
void noether_multiply(const double *x, const double *y, double *out, size_t count);

/// The cotangent split of the fused tanh input-gradient pullback:
/// next[k] = ub[k]·d1[k] and zbar[k] = −2·ub[k]·v[k]·a[k]·d1[k], where v is n×m, or a
/// 1×m row broadcast over the rows when v_is_row is nonzero.
void noether_tanh_split_cotangent(const double *ub, const double *d1, const double *a, const double *v,
                                  int v_is_row, size_t n, size_t m, double *next, double *zbar);

/// out[m] = column sums of x[n×m].
void noether_column_sums(const double *x, size_t n, size_t m, double *out);

/// One Adam step over n parameters in PyTorch's arithmetic order (g may be NULL: zero).
void noether_adam_update(double *p, double *m, double *v, const double *g, size_t n, double beta1, double beta2,
                         double epsilon, double step_size, double correction2_root, double weight_decay);

/// out[i·m + j] = x[i·m + j] + row[j] for the n×m row-major `x` (a bias added to every row).
void noether_add_row(const double *x, size_t n, size_t m, const double *row, double *out);

#endif
