#ifndef NOETHER_CLAPACKE_SHIM_H
#define NOETHER_CLAPACKE_SHIM_H
#include <lapacke.h>
#endif
