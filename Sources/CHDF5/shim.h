#ifndef NOETHER_CHDF5_SHIM_H
#define NOETHER_CHDF5_SHIM_H
#include <hdf5.h>

// HDF5 exposes its type and property-list identifiers as macros that expand to
// comma expressions, which Swift cannot import. These functions return them.
static inline hid_t noether_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t noether_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t noether_h5t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t noether_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t noether_h5t_native_uint64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t noether_h5t_ieee_f64le(void) { return H5T_IEEE_F64LE; }
static inline hid_t noether_h5t_ieee_f32le(void) { return H5T_IEEE_F32LE; }
static inline hid_t noether_h5t_std_i32le(void) { return H5T_STD_I32LE; }
static inline hid_t noether_h5t_std_u64le(void) { return H5T_STD_U64LE; }
static inline hid_t noether_h5t_c_s1(void) { return H5T_C_S1; }
static inline unsigned noether_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned noether_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline hid_t noether_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t noether_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t noether_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t noether_h5s_all(void) { return H5S_ALL; }
static inline size_t noether_h5t_variable(void) { return H5T_VARIABLE; }

// Turns off HDF5's automatic printing of its error stack: Noether reports errors itself.
static inline void noether_h5_silence_errors(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
#endif
