#ifndef TOYWORLD_CBLAS_SHIM_H
#define TOYWORLD_CBLAS_SHIM_H
// Debian's libopenblas-dev installs the OpenBLAS cblas.h (with openblas_set_num_threads)
// as the system cblas.h through the alternatives system.
#include <cblas.h>
#endif
