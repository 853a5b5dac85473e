#ifndef NOETHER_CBLAS_SHIM_H
#define NOETHER_CBLAS_SHIM_H
#include <cblas.h>
#endif
