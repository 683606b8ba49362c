// Compresses FILE with igzip at LEVEL and prints the stream's size and FNV-1a hash (tools/isal-determinism.sh).
#include <isa-l/igzip_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
    FILE *f = fopen(argv[1], "rb"); fseek(f, 0, SEEK_END); size_t n = ftell(f); fseek(f, 0, SEEK_SET);
    unsigned char *in = malloc(n); fread(in, 1, n, f); fclose(f);
    size_t cap = n + n / 8 + 4096; unsigned char *out = malloc(cap);
    unsigned char *lvl = calloc(1, ISAL_DEF_LVL2_DEFAULT);
    struct isal_zstream s; memset(&s, 0, sizeof s); isal_deflate_stateless_init(&s);
    s.level = atoi(argv[2]); if (s.level > 0) { s.level_buf = lvl; s.level_buf_size = s.level == 1 ? ISAL_DEF_LVL1_DEFAULT : ISAL_DEF_LVL2_DEFAULT; } s.gzip_flag = IGZIP_ZLIB; s.end_of_stream = 1; s.flush = NO_FLUSH;
    s.next_in = in; s.avail_in = n; s.next_out = out; s.avail_out = cap; isal_deflate_stateless(&s);
    unsigned long h = 1469598103934665603UL; for (size_t i = 0; i < s.total_out; i++) h = (h ^ out[i]) * 1099511628211UL;
    printf("%u %016lx\n", s.total_out, h);
}
