#!/usr/bin/env bash
# Renders one PDF of every figure kind (and the hard cases of issue 19) into a folder and
# measures them with ../shared/tools/legibility.py: every word's size on a 960-pt-wide
# slide, overlaps, text off the page. What `make legibility` runs; the measure, not a test
# (yet): the figures do not pass it until they are sized for the room.
# Usage: tools/legibility.sh NETFIG [FOLDER]
set -u
netfig=$1
out=${2:-output/legibility}
tool="$(dirname "$0")/../../shared/tools/legibility.py"
[ -f "$tool" ] || tool="$(dirname "$0")/../shared/tools/legibility.py"
mkdir -p "$out"
a=assets
run() { name=$1; shift; "$netfig" "$@" -o "$out/$name.pdf" >/dev/null 2>&1 || echo "legibility: netfig $* failed" >&2; }
run diagram-symbols diagram $a/hidden-layer.yaml
run diagram-values diagram $a/vector-layer.yaml --labels values --biases --input 0.3,0.4,0.1
run diagram-backward diagram $a/not.yaml --color gradients --example 2 --labels values --biases
run diagram-heart diagram $a/heart.yaml --labels none
run surface surface $a/not.yaml --x w1 --y b1 --x-range -10:10 --y-range -10:10
run surface-path surface $a/not-derivative.yaml --x w1 --y b1 --descent 50 --rate 0.3
run surface-log surface $a/not.yaml --x w1 --y b1 --log --contours 20 --colormap greys
run surface-many-contours surface $a/not.yaml --x w1 --y b1 --x-range -10:10 --y-range -10:10 --contours 20 --linear
run surface-adam surface $a/hidden-layer.yaml --x 'W2[1,3]' --y 'W1[2,1]' --y-range -3:3 --descent 300 --rate 0.5 --optimizer adam
run curve train $a/heart.yaml --steps 2000
run fit-function fit $a/not.yaml --train
run fit-curve fit $a/heart.yaml --history 100 --steps 2000
run fit-map fit $a/xor.yaml --train
python3 "$tool" "$out"/*.pdf
