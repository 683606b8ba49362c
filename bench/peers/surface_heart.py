"""surface-heart peer: the trained heart network's cost over a grid of W2[1,1] and b2[1].

Usage: surface_heart.py TRAINED.yaml EXAMPLES.csv N XLO XHI YLO YHI OUT.png
A straightforward numpy evaluation: layer 1 does not depend on the swept parameters, so it
is computed once; then, for chunks of grid points at a time, layer 2 with the swept weight
and bias and layer 3 are evaluated with broadcasting over (points, neurons, examples).
Then the figure: imshow + colour bar + contour + the minimum, savefig. Prints
"grid: N ms" on stderr.
"""
import sys

import numpy as np

from common import Timer, read_examples, read_spec, report, sigmoid

W, b = read_spec(sys.argv[1])
x, y = read_examples(sys.argv[2], inputs=1)
N = int(sys.argv[3])
xlo, xhi, ylo, yhi = map(float, sys.argv[4:8])
out = sys.argv[8]
n = x.shape[1]

with Timer() as t:
    a1 = sigmoid(W[0] @ x + b[0])                       # (6, n): fixed
    ws = np.linspace(xlo, xhi, N)
    bs = np.linspace(ylo, yhi, N)
    WW, BB = np.meshgrid(ws, bs)                        # rows over b, columns over w
    pw, pb = WW.ravel(), BB.ravel()
    C = np.empty(N * N)
    chunk = 2048
    for s in range(0, N * N, chunk):
        w = pw[s:s + chunk]
        G = len(w)
        W2 = np.broadcast_to(W[1], (G,) + W[1].shape).copy()
        W2[:, 0, 0] = w
        b2 = np.broadcast_to(b[1], (G,) + b[1].shape).copy()
        b2[:, 0, 0] = pb[s:s + chunk]
        a2 = sigmoid(W2 @ a1 + b2)                      # (G, 7, n)
        a3 = sigmoid(W[2] @ a2 + b[2])                  # (G, 2, n)
        d = a3 - y
        C[s:s + chunk] = np.einsum("gij,gij->g", d, d) / n
    C = C.reshape(N, N)
report("grid", t.seconds)

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.colors import LogNorm

fig, ax = plt.subplots(figsize=(19.2, 10.8), dpi=100)
norm = LogNorm() if C.max() / np.percentile(C, 10) >= 100 else None
im = ax.imshow(C, origin="lower", extent=(xlo, xhi, ylo, yhi), aspect="auto", cmap="viridis", norm=norm)
fig.colorbar(im, ax=ax, label="cost C")
cs = ax.contour(ws, bs, C, levels=10, colors="white", linewidths=0.8)
ax.clabel(cs, fontsize=8)
i = np.unravel_index(np.argmin(C), C.shape)
ax.plot(ws[i[1]], bs[i[0]], "w*", markersize=14)
ax.set_xlabel("$w^{(2)}_{11}$")
ax.set_ylabel("$b^{(2)}_{1}$")
ax.set_title("The cost over W2[1,1] and b2[1]")
fig.savefig(out)
