#!/usr/bin/env bash
# Does igzip (ISA-L) give the same deflate stream for the same bytes on every run? Compresses
# one file N times at a level, two runs at a time (a busy machine is where it failed), and
# counts the distinct outputs (size and FNV-1a hash). On the AMD EPYC this was written on,
# levels 1 and 2 gave a second valid stream about once in 400 runs; level 0 never did, which
# is why PNGEncoder writes level 0. Usage: tools/isal-determinism.sh FILE [LEVEL] [N]
set -eu
file=$1; level=${2:-2}; n=${3:-400}
here="$(cd "$(dirname "$0")" && pwd)"
bin=$(mktemp); trap 'rm -f "$bin" "$bin".a "$bin".b' EXIT
cc -O2 "$here/isal-determinism.c" -o "$bin" -lisal
( for _ in $(seq "$n"); do "$bin" "$file" "$level"; done > "$bin.a" ) &
for _ in $(seq "$n"); do "$bin" "$file" "$level"; done > "$bin.b"
wait
echo "level $level, $((2 * n)) runs: distinct outputs (count, bytes, hash):"
sort "$bin.a" "$bin.b" | uniq -c
