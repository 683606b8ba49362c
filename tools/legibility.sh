#!/usr/bin/env bash
# Renders every figure of Tests/Fixtures/legibility.txt as PDF into a folder and measures
# them with tools/legibility.py: every word's size on a 960-pt-wide slide, overlaps, text
# off the page. What `make legibility` runs; LegibilityTests asserts the same.
# Usage: tools/legibility.sh NETFIG [FOLDER]
set -u
netfig=$1
out=${2:-output/legibility}
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out"
grep -v '^#' "$here/../Tests/Fixtures/legibility.txt" | while read -r name args; do
    [ -n "$name" ] || continue
    args=${args//\{assets\}/$here/../assets}
    # An animation writes PDF frames into a folder of its name.
    case "$args" in animate*) target="$out/$name";; *) target="$out/$name.pdf";; esac
    # shellcheck disable=SC2086
    "$netfig" $args -o "$target" >/dev/null 2>&1 || echo "legibility: netfig $args failed" >&2
done
python3 "$here/legibility.py" "$out"/*.pdf "$out"/*/frame_*.pdf
