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
// h5py's boolean: an enumeration of int8 with FALSE = 0 and TRUE = 1. The caller closes it.
static inline hid_t noether_h5t_bool_create(void) {
  hid_t type = H5Tenum_create(H5T_NATIVE_INT8);
  signed char value = 0;
  H5Tenum_insert(type, "FALSE", &value);
  value = 1;
  H5Tenum_insert(type, "TRUE", &value);
  return type;
}

// Turns off HDF5's automatic printing of its error stack: Noether reports errors itself.
static inline void noether_h5_silence_errors(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
// A structural probe of an untrusted file, run in a child process (`noether probe-file`)
// so that a crash or hang inside the library cannot take the caller with it: opens the
// file, visits every link, opens every object, reads every attribute (strings included:
// corrupted global heaps crash H5HG_read there) and every dataset's dataspace and stored
// size (which walks a chunked dataset's index), after checking every version-1 object
// header's attribute messages against their own sizes (header_check.h). Returns 0 when
// all of it succeeded, -1 when the file does not open, -2 when some part cannot be read.
#include <stdlib.h>
#include <signal.h>
#include <sys/prctl.h>
#include "header_check.h"
#include <unistd.h>

// Makes a probe process end on its own: SIGKILL when its parent dies (so a killed
// command never leaves a hung probe behind), and SIGALRM after `seconds`.
static inline void noether_guard_probe_process(unsigned seconds, pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(5);  // the parent died before the line above
  alarm(seconds);
}

static herr_t noether_probe_attribute(hid_t location, const char *name, const H5A_info_t *info, void *data) {
  (void)info;
  (void)data;
  hid_t attribute = H5Aopen(location, name, H5P_DEFAULT);
  if (attribute < 0) return -1;
  hid_t type = H5Aget_type(attribute);
  hid_t space = H5Aget_space(attribute);
  herr_t result = -1;
  hssize_t count = space >= 0 ? H5Sget_simple_extent_npoints(space) : -1;
  if (type >= 0 && count >= 0 && count <= (1 << 20)) {
    size_t size = H5Tget_size(type);
    if (H5Tis_variable_str(type) > 0) {
      char **strings = calloc(count > 0 ? (size_t)count : 1, sizeof(char *));
      hid_t memory = H5Tcopy(type);  // the file's own string type: its character set converts
      if (strings && H5Aread(attribute, memory, strings) >= 0) {
        H5Dvlen_reclaim(memory, space, H5P_DEFAULT, strings);
        result = 0;
      }
      H5Tclose(memory);
      free(strings);
    } else if (size > 0 && (size_t)count * size <= (64u << 20)) {
      void *buffer = malloc(count > 0 ? (size_t)count * size : 1);
      if (buffer && H5Aread(attribute, type, buffer) >= 0) result = 0;
      free(buffer);
    }
  }
  if (space >= 0) H5Sclose(space);
  if (type >= 0) H5Tclose(type);
  H5Aclose(attribute);
  return result;
}

// Asks `object` for `format` (what every reader asks first) and for a name no file has,
// before iterating: H5Aexists_by_name walks the object's header messages another way than
// H5Aiterate2 does, so the probe takes the readers' path too. (The damage that crashed a
// reader behind a passing probe is caught by header_check.h, not by this.)
static herr_t noether_probe_attribute_lookup(hid_t object) {
  if (H5Aexists_by_name(object, ".", "format", H5P_DEFAULT) < 0) return -1;
  if (H5Aexists_by_name(object, ".", "noether probe: no such attribute", H5P_DEFAULT) < 0) return -1;
  return 0;
}

static herr_t noether_probe_link(hid_t group, const char *name, const H5L_info_t *info, void *data) {
  if (info->type != H5L_TYPE_HARD) return 0;
  hid_t object = H5Oopen(group, name, H5P_DEFAULT);
  if (object < 0) return -1;
  hsize_t index = 0;
  herr_t result = noether_object_header_check((const noether_header_file *)data, object);
  if (result >= 0) result = noether_probe_attribute_lookup(object);
  if (result >= 0) result = H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_NATIVE, &index, noether_probe_attribute, NULL);
  if (result >= 0 && H5Iget_type(object) == H5I_DATASET) {
    hid_t space = H5Dget_space(object);
    if (space < 0) result = -1; else H5Sclose(space);
    (void)H5Dget_storage_size(object);
  }
  H5Oclose(object);
  return result < 0 ? -1 : 0;
}

static inline int noether_h5_probe(const char *path) {
  H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
  hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) return -1;
  hsize_t index = 0;
  noether_header_file headers = {-1, 0, 8, 8};
  herr_t result = noether_header_file_open(path, file, &headers);
  if (result >= 0) result = noether_object_header_check(&headers, file);
  if (result >= 0) result = noether_probe_attribute_lookup(file);
  if (result >= 0) result = H5Aiterate2(file, H5_INDEX_NAME, H5_ITER_NATIVE, &index, noether_probe_attribute, NULL);
  if (result >= 0) result = H5Lvisit(file, H5_INDEX_NAME, H5_ITER_NATIVE, noether_probe_link, &headers);
  if (headers.fd >= 0) close(headers.fd);
  H5Fclose(file);
  return result < 0 ? -2 : 0;
}
#endif
