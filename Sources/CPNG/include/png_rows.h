#ifndef NETFIG_PNG_ROWS_H
#define NETFIG_PNG_ROWS_H

#include <stddef.h>
#include <stdint.h>
#include <libdeflate.h>

/// Turns opaque cairo pixels (native-endian 0xAARRGGBB words, alpha ignored) into PNG image
/// data: per row a filter byte 0 (None) and the row as RGB bytes. `out` holds
/// (1 + 3 * width) * height bytes.
///
/// The x86-64 build has an SSSE3 path (a byte shuffle packs four pixels at a time) chosen at
/// run time; both paths write the same bytes.
void netfig_png_rgb_rows(const uint8_t *pixels, size_t width, size_t height, size_t stride, uint8_t *out);

#endif
