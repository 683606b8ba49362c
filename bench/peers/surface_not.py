"""surface-not peer: the NOT neuron's cost over w, b ∈ [−10, 10] on a 1024² grid, 12 contours,
a 200-step descent path, a 1600×1200 PNG, with numpy and matplotlib.

Usage: surface_not.py OUT.png
"""
import sys

import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.colors import LogNorm

out = sys.argv[1]
N = 1024
xs = np.array([1.0, 0.0])
ys = np.array([0.0, 1.0])

w = np.linspace(-10, 10, N)
bb = np.linspace(-10, 10, N)
Wg, Bg = np.meshgrid(w, bb)
C = ((np.tanh(Wg * xs[0] + Bg) - ys[0]) ** 2 + (np.tanh(Wg * xs[1] + Bg) - ys[1]) ** 2) / 2

path = np.empty((201, 2))
p = np.array([1.3, -0.1])
for t in range(201):
    path[t] = p
    a = np.tanh(p[0] * xs + p[1])
    delta = 2 * (a - ys) * (1 - a * a)
    p = p - 0.5 * np.array([np.mean(delta * xs), np.mean(delta)])

fig, ax = plt.subplots(figsize=(16, 12), dpi=100)
norm = LogNorm() if C.max() / np.percentile(C, 10) >= 100 else None
im = ax.imshow(C, origin="lower", extent=(-10, 10, -10, 10), aspect="auto", cmap="viridis", norm=norm)
fig.colorbar(im, ax=ax, label="cost C")
cs = ax.contour(w, bb, C, levels=12, colors="white", linewidths=0.8)
ax.clabel(cs, fontsize=8)
ax.plot(path[:, 0], path[:, 1], "-o", color="red", markersize=2, linewidth=1.5)
i = np.unravel_index(np.argmin(C), C.shape)
ax.plot(w[i[1]], bb[i[0]], "w*", markersize=14)
ax.set_xlabel("$w$")
ax.set_ylabel("$b$")
ax.set_title("The NOT neuron: C over w and b")
fig.savefig(out)
