// The C side of PNG encoding.
// - Packing 4-byte pixels into 3-byte RGB: a byte shuffle, which Swift's SIMD types do not
//   express and baseline x86-64 (SSE2) has no instruction for. With SSSE3's pshufb it is one
//   instruction per four pixels; the Swift loop it replaces took about 1.5 ms of a 1280×720
//   frame, this path about 0.2 ms.
// - ISA-L's deflate and CRC-32, whose stream struct is simpler to fill here than from Swift.
#include "png_rows.h"

#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/// Pixels `from` ..< `width` of one row as R, G, B bytes.
static void pack_row_scalar(const uint32_t *row, size_t from, size_t width, uint8_t *out) {
    for (size_t x = from; x < width; x++) {
        uint32_t word = row[x];
        out[3 * x] = (uint8_t)(word >> 16);
        out[3 * x + 1] = (uint8_t)(word >> 8);
        out[3 * x + 2] = (uint8_t)word;
    }
}

#if defined(__x86_64__)
/// Four pixels per step: one shuffle to R, G, B order dropping alpha. Each 16-byte store
/// writes 12 useful bytes; the loop stops while a whole store still fits in the row, and the
/// scalar loop finishes it.
__attribute__((target("ssse3")))
static size_t pack_row_ssse3(const uint32_t *row, size_t width, uint8_t *out) {
    const __m128i pack = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    size_t x = 0;
    for (; x + 6 <= width; x += 4) {
        __m128i words = _mm_loadu_si128((const __m128i *)(row + x));
        _mm_storeu_si128((__m128i *)(out + 3 * x), _mm_shuffle_epi8(words, pack));
    }
    return x;
}
#endif

void netfig_png_rgb_rows(const uint8_t *pixels, size_t width, size_t height, size_t stride, uint8_t *out) {
#if defined(__x86_64__)
    const int shuffle = __builtin_cpu_supports("ssse3");
#endif
    const size_t rowBytes = 1 + 3 * width;
    for (size_t y = 0; y < height; y++) {
        const uint32_t *row = (const uint32_t *)(pixels + y * stride);
        uint8_t *line = out + y * rowBytes;
        line[0] = 0;
        size_t done = 0;
#if defined(__x86_64__)
        if (shuffle) done = pack_row_ssse3(row, width, line + 1);
#endif
        pack_row_scalar(row, done, width, line + 1);
    }
}

size_t netfig_png_deflate_bound(size_t count) {
    // Stored blocks take 5 bytes per 65,535 of input, and the zlib stream 6 more; igzip's
    // Huffman blocks on incompressible data can exceed stored ones by a little more. An
    // eighth of the input and a page covers both with room (the memory is not touched
    // unless written).
    return count + count / 8 + 4096;
}

size_t netfig_png_deflate(const uint8_t *data, size_t count, int level, uint8_t *out) {
    // Level 0 needs no buffer; levels 1 and 2 keep their hash tables and histogram in one,
    // zeroed (microseconds) so that nothing left in memory can steer them.
    const uint32_t bufferSize = level >= 2 ? ISAL_DEF_LVL2_DEFAULT : level == 1 ? ISAL_DEF_LVL1_DEFAULT : 0;
    uint8_t *buffer = bufferSize > 0 ? calloc(1, bufferSize) : NULL;
    if (bufferSize > 0 && buffer == NULL) return 0;
    // Zeroed first: isal_deflate_stateless_init leaves a field that isal_deflate_stateless
    // reads (valgrind: a jump on an uninitialised value created by this stack allocation),
    // and whatever the stack held there could change the bytes from one run to the next.
    struct isal_zstream stream;
    memset(&stream, 0, sizeof stream);
    isal_deflate_stateless_init(&stream);
    stream.level = level >= 2 ? 2 : level == 1 ? 1 : 0;
    stream.level_buf = buffer;
    stream.level_buf_size = bufferSize;
    stream.gzip_flag = IGZIP_ZLIB;
    stream.end_of_stream = 1;
    stream.flush = NO_FLUSH;
    size_t written = 0;
    // avail_in and avail_out are 32-bit: a PNG's image data near 4 GB is not compressed here
    // (the bound is above the input's size, so checking it checks both).
    size_t capacity = netfig_png_deflate_bound(count);
    if (capacity <= UINT32_MAX) {
        stream.next_in = (uint8_t *)data;
        stream.avail_in = (uint32_t)count;
        stream.next_out = out;
        stream.avail_out = (uint32_t)capacity;
        if (isal_deflate_stateless(&stream) == COMP_OK && stream.avail_in == 0) written = stream.total_out;
    }
    free(buffer);
    return written;
}

uint32_t netfig_png_crc32(uint32_t crc, const uint8_t *data, size_t count) {
    return crc32_gzip_refl(crc, data, count);
}
