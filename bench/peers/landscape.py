"""landscape peer: a 784 -> 32 -> 10 network's cost over a plane of two random directions,
as loss-landscape (Li et al. 2018, github.com/tomgoldstein/loss-landscape) computes it.

Usage: landscape.py PLANE.json DATA.csv N OUT.npy
PLANE.json is the `.plane.json` file netfig wrote beside its grid (the network's parameters
theta and the two filter-normalised directions delta and eta, so both sides evaluate the same
plane); DATA.csv the examples (784 inputs, 10 targets a line), read with numpy's loadtxt.
For each of the N x N grid points (alpha, beta) over the plane's ranges, as loss-landscape's
`crunch` does for each point: set every weight and bias to theta + alpha delta + beta eta,
then a full forward pass over every example (matrix products through numpy's BLAS, relu
then sigmoid) and the mean over examples of sum_i (a_i - y_i)^2. Writes the grid (rows over
beta, columns over alpha) to OUT.npy and prints "grid: N ms" on stderr.
"""
import json
import sys

import numpy as np

from common import Timer, report, sigmoid

plane = json.load(open(sys.argv[1]))
rows = np.loadtxt(sys.argv[2], delimiter=",", ndmin=2)
N = int(sys.argv[3])
out = sys.argv[4]
x, y = rows[:, :784].T.copy(), rows[:, 784:].T.copy()


def layers(record):
    return [(np.array(record[f"W{l}"], dtype=float), np.array(record[f"b{l}"], dtype=float)) for l in (1, 2)]


theta, delta, eta = layers(plane["origin"]), layers(plane["x-direction"]), layers(plane["y-direction"])
(xlo, xhi), (ylo, yhi) = plane["x-range"], plane["y-range"]
# netfig's grid points: low + (i / (N - 1)) * (high - low).
alphas = [xlo + (i / (N - 1)) * (xhi - xlo) for i in range(N)]
betas = [ylo + (j / (N - 1)) * (yhi - ylo) for j in range(N)]

with Timer() as t:
    C = np.empty((N, N))
    for j, b in enumerate(betas):
        for i, a in enumerate(alphas):
            (W1, b1), (W2, b2) = [(W + a * dW + b * eW, c + a * dc + b * ec)
                                  for (W, c), (dW, dc), (eW, ec) in zip(theta, delta, eta)]
            a1 = np.maximum(W1 @ x + b1[:, None], 0)
            a2 = sigmoid(W2 @ a1 + b2[:, None])
            d = a2 - y
            C[j, i] = np.mean(np.sum(d * d, axis=0))
report("grid", t.seconds)
np.save(out, C)
