#include "CKernels.h"
#include <cblas.h>
#include <malloc.h>
#include <math.h>

#if defined(__x86_64__)
#include <immintrin.h>
// libmvec's AVX2 variant of tanh: four doubles at a time (glibc >= 2.35).
__attribute__((target("avx2"))) extern __m256d _ZGVdN4v_tanh(__m256d x);

__attribute__((target("avx2"))) static void tanh_avx2(const double *x, double *y, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    __m256d v = _mm256_loadu_pd(x + i);
    _mm256_storeu_pd(y + i, _ZGVdN4v_tanh(v));
  }
  for (; i < n; i++) y[i] = tanh(x[i]);
}
#endif

void noether_tanh(const double *x, double *y, size_t n) {
#if defined(__x86_64__)
  static int has_avx2 = -1;
  if (has_avx2 < 0) has_avx2 = __builtin_cpu_supports("avx2") ? 1 : 0;
  if (has_avx2) {
    tanh_avx2(x, y, n);
    return;
  }
#endif
  for (size_t i = 0; i < n; i++) y[i] = tanh(x[i]);
}

void noether_tune_runtime(int blas_threads) {
  // Keep freed memory in the heap: training allocates and frees the same large
  // temporaries every step, and returning them to the OS costs page faults.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
  mallopt(M_TOP_PAD, 64 * 1024 * 1024);
  if (blas_threads > 0) openblas_set_num_threads(blas_threads);
}

int noether_blas_threads(void) { return openblas_get_num_threads(); }
