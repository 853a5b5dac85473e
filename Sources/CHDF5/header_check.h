#ifndef NOETHER_CHDF5_HEADER_CHECK_H
#define NOETHER_CHDF5_HEADER_CHECK_H
// A bounds check of version-1 object headers' attribute messages, for the structural probe.
//
// libhdf5 1.10.8 trusts an attribute message's stated part sizes: when a flipped bit makes
// the dataspace's size 32 776 bytes in a 64-byte message, H5O_attr_decode copies the
// attribute's value from 32 KB past the message. Whether that read faults depends on the
// heap around it, so a probe process could pass a file that then crashes its parent. This
// check reads the header bytes itself and refuses a message whose name, datatype,
// dataspace and value do not fit inside it. Version-2 headers ("OHDR") carry checksums
// that the library verifies, so only version 1 is parsed here.
#include <hdf5.h>
#include <stdint.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>

typedef struct {
  int fd;
  uint64_t base;    // the file's base address (the user block's size)
  unsigned offsets; // bytes in an address
  unsigned lengths; // bytes in a length
} noether_header_file;

static inline uint64_t noether_le(const uint8_t *p, unsigned n) {
  uint64_t value = 0;
  for (unsigned k = 0; k < n && k < 8; k++) value |= (uint64_t)p[k] << (8 * k);
  return value;
}

static inline uint64_t noether_pad8(uint64_t n) { return (n + 7) & ~(uint64_t)7; }

// Reads `size` bytes at file address `address` into a new buffer, or NULL.
static inline uint8_t *noether_header_read(const noether_header_file *file, uint64_t address, uint64_t size) {
  if (size == 0 || size > (16u << 20) || address > (UINT64_MAX >> 2)) return NULL;
  uint8_t *buffer = malloc(size);
  if (!buffer) return NULL;
  if (pread(file->fd, buffer, size, (off_t)(file->base + address)) != (ssize_t)size) {
    free(buffer);
    return NULL;
  }
  return buffer;
}

// The number of elements of an encoded dataspace message (versions 1 and 2), or -1.
static inline int64_t noether_dataspace_points(const uint8_t *p, uint64_t size, unsigned lengths) {
  if (size < 4) return -1;
  unsigned version = p[0], rank = p[1];
  uint64_t header = version == 1 ? 8 : 4;
  if ((version != 1 && version != 2) || rank > 32 || header + (uint64_t)rank * lengths > size) return -1;
  if (version == 2 && p[3] == 2) return 0;  // the null dataspace
  int64_t points = 1;
  for (unsigned k = 0; k < rank; k++) {
    uint64_t extent = noether_le(p + header + (uint64_t)k * lengths, lengths);
    if (extent > ((uint64_t)1 << 40) || (extent > 0 && (uint64_t)points > ((uint64_t)1 << 40) / extent)) return -1;
    points *= (int64_t)extent;
  }
  return points;
}

// The size of object `index` of the global heap collection at `address`, or -1 when the
// collection is unreadable or has no such object.
static inline int64_t noether_global_heap_object_size(
  const noether_header_file *file, uint64_t address, uint64_t index)
{
  uint8_t prefix[24];
  if (index == 0 || pread(file->fd, prefix, 8 + file->lengths, (off_t)(file->base + address)) != (ssize_t)(8 + file->lengths)) return -1;
  if (prefix[0] != 'G' || prefix[1] != 'C' || prefix[2] != 'O' || prefix[3] != 'L') return -1;
  uint64_t size = noether_le(prefix + 8, file->lengths);
  uint8_t *bytes = noether_header_read(file, address, size);
  if (!bytes) return -1;
  int64_t found = -1;
  for (uint64_t at = 8 + file->lengths; at + 8 + file->lengths <= size;) {
    uint64_t object = noether_le(bytes + at, 2), objectSize = noether_le(bytes + at + 8, file->lengths);
    if (object == 0 || objectSize > size) break;  // free space ends the objects
    if (object == index) {
      found = at + 8 + file->lengths + objectSize <= size ? (int64_t)objectSize : -1;
      break;
    }
    at += 8 + file->lengths + noether_pad8(objectSize);
  }
  free(bytes);
  return found;
}

// 0 when an attribute message's parts and value fit in its `size` bytes, else -1.
static inline int noether_attribute_message_fits(const uint8_t *p, uint64_t size, const noether_header_file *file) {
  if (size < 8) return -1;
  unsigned version = p[0], flags = p[1];
  if (version < 1 || version > 3) return -1;
  uint64_t name = noether_le(p + 2, 2), type = noether_le(p + 4, 2), space = noether_le(p + 6, 2);
  uint64_t start = version == 3 ? 9 : 8;
  if (version == 1) name = noether_pad8(name), type = noether_pad8(type), space = noether_pad8(space);
  if (start + name + type + space > size) return -1;
  if (version > 1 && (flags & 3)) return 0;  // a shared datatype or dataspace: sizes elsewhere
  const uint8_t *typeBytes = p + start + name, *spaceBytes = typeBytes + type;
  if (type < 8) return -1;
  int64_t points = noether_dataspace_points(spaceBytes, space, file->lengths);
  if (points < 0) return -1;
  // A variable-length element is stored as a length, a global heap address and an index.
  uint64_t element = (typeBytes[0] & 15) == 9 ? 8 + file->offsets : noether_le(typeBytes + 4, 4);
  uint64_t value = (uint64_t)points * element;
  if ((element > 0 && value / element != (uint64_t)points) || start + name + type + space + value > size) return -1;
  if ((typeBytes[0] & 15) != 9) return 0;
  // Each variable-length element must name an object of its global heap collection, large
  // enough for its length (H5HG_read indexes the collection unchecked).
  uint64_t base = (typeBytes[1] & 15) == 1 ? 1 : (type >= 16 ? noether_le(typeBytes + 12, 4) : 0);
  const uint8_t *elements = spaceBytes + space;
  for (int64_t k = 0; k < points && k < 4096; k++) {
    const uint8_t *reference = elements + (uint64_t)k * element;
    uint64_t length = noether_le(reference, 4), collection = noether_le(reference + 4, file->offsets);
    uint64_t index = noether_le(reference + 4 + file->offsets, 4);
    if (length == 0 && collection == 0) continue;
    int64_t stored = noether_global_heap_object_size(file, collection, index);
    if (stored < 0 || length > (1u << 30) || (uint64_t)stored < length * base) return -1;
  }
  return 0;
}

// 0 when every attribute message in the version-1 object header at `address` (and in its
// continuation blocks, at most 64) fits; also 0 for a version-2 header; -1 otherwise.
static inline int noether_header_check(const noether_header_file *file, uint64_t address) {
  uint8_t prefix[16];
  if (pread(file->fd, prefix, 16, (off_t)(file->base + address)) != 16) return -1;
  if (prefix[0] == 'O' && prefix[1] == 'H' && prefix[2] == 'D' && prefix[3] == 'R') return 0;
  if (prefix[0] != 1) return -1;
  uint64_t addresses[64] = {address + 16}, sizes[64] = {noether_le(prefix + 8, 4)};
  int pending = 1, visited = 0, result = 0;
  while (result == 0 && pending > 0 && visited < 64) {
    pending--, visited++;
    uint64_t chunkSize = sizes[pending];
    uint8_t *bytes = noether_header_read(file, addresses[pending], chunkSize);
    if (!bytes) return -1;
    for (uint64_t at = 0; result == 0 && at + 8 <= chunkSize;) {
      unsigned kind = (unsigned)noether_le(bytes + at, 2);
      uint64_t size = noether_le(bytes + at + 2, 2);
      if (at + 8 + size > chunkSize) result = -1;
      else if (kind == 0x000C) result = noether_attribute_message_fits(bytes + at + 8, size, file);
      else if (kind == 0x0010 && size >= file->offsets + file->lengths && pending < 64) {
        addresses[pending] = noether_le(bytes + at + 8, file->offsets);
        sizes[pending++] = noether_le(bytes + at + 8 + file->offsets, file->lengths);
      }
      at += 8 + size;
    }
    free(bytes);
  }
  return result;
}
// Opens `path` for the check, with the sizes and base address of `file_id`'s superblock.
static inline int noether_header_file_open(const char *path, hid_t file_id, noether_header_file *file) {
  hid_t plist = H5Fget_create_plist(file_id);
  if (plist < 0) return -1;
  size_t offsets = 0, lengths = 0;
  hsize_t userblock = 0;
  herr_t status = H5Pget_sizes(plist, &offsets, &lengths);
  if (status >= 0) status = H5Pget_userblock(plist, &userblock);
  H5Pclose(plist);
  if (status < 0 || offsets < 2 || offsets > 8 || lengths < 2 || lengths > 8) return -1;
  file->fd = open(path, O_RDONLY | O_CLOEXEC);
  file->base = userblock, file->offsets = (unsigned)offsets, file->lengths = (unsigned)lengths;
  return file->fd >= 0 ? 0 : -1;
}

// noether_header_check on the header of the open object `object`.
static inline int noether_object_header_check(const noether_header_file *file, hid_t object) {
#if H5_VERSION_GE(1, 12, 0)
  H5O_info2_t info;
  haddr_t address = 0;
  if (H5Oget_info3(object, &info, H5O_INFO_BASIC) < 0) return -1;
  if (H5VLnative_token_to_addr(object, info.token, &address) < 0) return -1;
#else
  H5O_info_t info;
  if (H5Oget_info2(object, &info, H5O_INFO_BASIC) < 0) return -1;
  haddr_t address = info.addr;
#endif
  return noether_header_check(file, (uint64_t)address);
}
#endif
