#ifndef NETFIG_PNG_ROWS_H
#define NETFIG_PNG_ROWS_H

#include <stddef.h>
#include <stdint.h>

/// Turns opaque cairo pixels (native-endian 0xAARRGGBB words, alpha ignored) into PNG image
/// data: per row a filter byte 0 (None) and the row as RGB bytes. `out` holds
/// (1 + 3 * width) * height bytes.
///
/// The x86-64 build has an SSSE3 path (a byte shuffle packs four pixels at a time) chosen at
/// run time; both paths write the same bytes.
void netfig_png_rgb_rows(const uint8_t *pixels, size_t width, size_t height, size_t stride, uint8_t *out);

/// The most bytes `netfig_png_deflate` writes for `count` bytes of input.
size_t netfig_png_deflate_bound(size_t count);

/// `data` as one zlib stream (what a PNG's IDAT chunks hold), compressed by ISA-L's igzip at
/// `level` (1 or 2; 2 finds more matches in the same time on chart images). `out` holds
/// `netfig_png_deflate_bound(count)` bytes. Returns the bytes written, or 0 when ISA-L could
/// not allocate or compress.
size_t netfig_png_deflate(const uint8_t *data, size_t count, int level, uint8_t *out);

/// The CRC-32 a PNG chunk ends with (ISO 3309, as zlib's crc32), continuing from `crc`
/// (0 to start).
uint32_t netfig_png_crc32(uint32_t crc, const uint8_t *data, size_t count);

#endif
