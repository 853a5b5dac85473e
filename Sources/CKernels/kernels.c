#include "CKernels.h"
#include <cblas.h>
#include <malloc.h>
#include <math.h>
#include <string.h>

#include <stdatomic.h>
#include <stdint.h>

#if defined(__x86_64__)
#define NOETHER_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define NOETHER_CLONES
#endif

// tanh(x) = sign(x)·(−e/(e + 2)) with e = expm1(−2|x|), which never overflows and
// keeps full relative accuracy near 0. expm1(v) = 2ᵏ·expm1(r) + (2ᵏ − 1) with
// v = k·ln2 + r, |r| ≤ ln2/2 (Cody–Waite reduction), expm1(r) by its Taylor series to
// r¹². Branch-free, so the loop vectorises; at most 6 ulp from glibc's tanh (checked by
// the tests), NaN in gives NaN out.
NOETHER_CLONES
void noether_tanh(const double *x, double *y, size_t n) {
  const double inv_ln2 = 0x1.71547652b82fep0, ln2_hi = 0x1.62e42fefa3800p-1, ln2_lo = 0x1.ef35793c76730p-45;
  const double shifter = 0x1.8p52;
  for (size_t i = 0; i < n; i++) {
    const double xi = x[i];
    double t = fabs(xi);
    t = t < 20.0 ? t : 20.0;  // tanh(20) rounds to 1
    const double v = -2.0 * t;
    double kd = v * inv_ln2 + shifter;  // k = round(v / ln2) in the low bits
    int64_t kbits;
    memcpy(&kbits, &kd, sizeof kbits);
    kd -= shifter;
    const double r = (v - kd * ln2_hi) - kd * ln2_lo;
    double p = 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r * r + r;  // expm1(r)
    const int64_t k = kbits - 0x4338000000000000LL;  // minus the bits of `shifter`
    const int64_t scale_bits = (k + 1023) << 52;
    double scale;  // 2^k
    memcpy(&scale, &scale_bits, sizeof scale);
    const double e = scale * p + (scale - 1.0);
    const double magnitude = -e / (e + 2.0);
    y[i] = xi != xi ? xi : copysign(magnitude, xi);
  }
}

NOETHER_CLONES void noether_one_minus_square(const double *a, double *d1, size_t n) {
  for (size_t i = 0; i < n; i++) d1[i] = 1 - a[i] * a[i];
}

void noether_tanh_with_derivative(const double *z, double *a, double *d1, size_t n) {
  noether_tanh(z, a, n);
  noether_one_minus_square(a, d1, n);
}

void noether_tune_runtime(int blas_threads) {
  // Keep freed memory in the heap: training allocates and frees the same large
  // temporaries every step, and returning them to the OS costs page faults.
  static atomic_int tuned = 0;
  if (atomic_exchange(&tuned, 1) == 0) {
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    mallopt(M_TOP_PAD, 64 * 1024 * 1024);
  }
  // Changing OpenBLAS's thread count while another thread is inside BLAS is unsafe,
  // so it is changed only when it differs (training threads all ask for the same).
  if (blas_threads > 0 && openblas_get_num_threads() != blas_threads) openblas_set_num_threads(blas_threads);
}

int noether_blas_threads(void) { return openblas_get_num_threads(); }

NOETHER_CLONES
void noether_affine(const double *x, size_t n, size_t k, const double *w, size_t m, const double *b,
                    double *out) {
  for (size_t i = 0; i < n; i++) {
    double *o = out + i * m;
    if (b) {
      for (size_t j = 0; j < m; j++) o[j] = b[j];
    } else {
      for (size_t j = 0; j < m; j++) o[j] = 0;
    }
    for (size_t c = 0; c < k; c++) {
      const double s = x[i * k + c];
      const double *wr = w + c * m;
      for (size_t j = 0; j < m; j++) o[j] += s * wr[j];
    }
  }
}

NOETHER_CLONES
void noether_times_transposed(const double *u, size_t n, size_t m, const double *w, size_t k, double *out) {
#pragma clang fp reassociate(on)
  for (size_t i = 0; i < n; i++) {
    const double *row = u + i * m;
    for (size_t c = 0; c < k; c++) {
      const double *wr = w + c * m;
      double s = 0;
      for (size_t j = 0; j < m; j++) s += row[j] * wr[j];
      out[i * k + c] = s;
    }
  }
}

NOETHER_CLONES
void noether_transposed_times(const double *a, size_t n, size_t k, const double *b, size_t m, double *out) {
  memset(out, 0, k * m * sizeof(double));
  for (size_t i = 0; i < n; i++) {
    const double *row = b + i * m;
    for (size_t c = 0; c < k; c++) {
      const double s = a[i * k + c];
      double *o = out + c * m;
      for (size_t j = 0; j < m; j++) o[j] += s * row[j];
    }
  }
}

NOETHER_CLONES
void noether_multiply_row(const double *x, size_t n, size_t m, const double *row, double *out) {
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < m; j++) out[i * m + j] = x[i * m + j] * row[j];
}

NOETHER_CLONES
void noether_multiply(const double *x, const double *y, double *out, size_t count) {
  for (size_t i = 0; i < count; i++) out[i] = x[i] * y[i];
}

NOETHER_CLONES
void noether_tanh_split_cotangent(const double *ub, const double *d1, const double *a, const double *v,
                                  int v_is_row, size_t n, size_t m, double *next, double *zbar) {
  for (size_t i = 0; i < n; i++) {
    const size_t base = i * m;
    const double *vr = v_is_row ? v : v + base;
    for (size_t j = 0; j < m; j++) {
      const double g = ub[base + j] * d1[base + j];
      next[base + j] = g;
      zbar[base + j] = -2 * g * vr[j] * a[base + j];
    }
  }
}

NOETHER_CLONES
void noether_column_sums(const double *x, size_t n, size_t m, double *out) {
  for (size_t j = 0; j < m; j++) out[j] = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < m; j++) out[j] += x[i * m + j];
}

// The square root without errno (v ≥ 0 here): glibc's sqrt sets errno for a negative
// argument, which keeps a compiler from vectorising a loop that calls it. Correctly
// rounded either way, so the results are the same bits.
static inline double noether_sqrt(double x) { return __builtin_elementwise_sqrt(x); }

NOETHER_CLONES
static void noether_adam_update_dense(double *restrict p, double *restrict m, double *restrict v,
                                      const double *restrict g, size_t n, double beta1, double beta2,
                                      double epsilon, double step_size, double correction2_root,
                                      double weight_decay) {
  for (size_t i = 0; i < n; i++) {
    const double gi = g[i] + weight_decay * p[i];
    m[i] = beta1 * m[i] + (1 - beta1) * gi;
    v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
    p[i] -= step_size * m[i] / (noether_sqrt(v[i]) / correction2_root + epsilon);
  }
}

void noether_adam_update(double *p, double *m, double *v, const double *g, size_t n, double beta1, double beta2,
                         double epsilon, double step_size, double correction2_root, double weight_decay) {
  if (g) {
    noether_adam_update_dense(p, m, v, g, n, beta1, beta2, epsilon, step_size, correction2_root, weight_decay);
    return;
  }
  for (size_t i = 0; i < n; i++) {  // a symbolic-zero gradient: only the decay moves p
    const double gi = 0.0 + weight_decay * p[i];
    m[i] = beta1 * m[i] + (1 - beta1) * gi;
    v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
    p[i] -= step_size * m[i] / (noether_sqrt(v[i]) / correction2_root + epsilon);
  }
}

NOETHER_CLONES
void noether_add_row(const double *restrict x, size_t n, size_t m, const double *restrict row, double *restrict out) {
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < m; j++) out[i * m + j] = x[i * m + j] + row[j];
}
