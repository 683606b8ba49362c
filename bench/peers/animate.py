"""animate-not / animate-heart peer: a matplotlib training animation, one PNG per frame.

Usage: animate.py not OUTDIR FRAMES
       animate.py heart OUTDIR FRAMES START.yaml EXAMPLES.csv RESOLUTION
Trains with numpy (the NOT neuron: 200 steps at rate 0.5; the heart network: 10 000 steps
at rate 7, full batch), then draws each frame in one 1280×720 figure the way a competent
matplotlib user would: the figure, axes, colour bar and static parts are made once; per
frame the network's edges (lines coloured and sized by weight) are recoloured, the cost
surface's path (and for the heart its moving 256² slice through the current parameters,
with fresh contours) is updated, the training curve so far and its cursor, the fit, then
savefig. Frames are the same steps netfig draws (even spacing).
"""
import os
import sys

import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.collections import LineCollection
from matplotlib.colors import LogNorm, Normalize, TwoSlopeNorm

from common import read_examples, read_spec, sigmoid

mode, outdir, frames = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(outdir, exist_ok=True)

if mode == "not":
    W = [np.array([[1.3]])]
    b = [np.array([[-0.1]])]
    x = np.array([[1.0, 0.0]])
    y = np.array([[0.0, 1.0]])
    act, dact = np.tanh, (lambda a: 1 - a * a)
    steps, rate = 200, 0.5
    resolution = 96
else:
    W, b = read_spec(sys.argv[4])
    x, y = read_examples(sys.argv[5], inputs=1)
    act, dact = sigmoid, (lambda a: a * (1 - a))
    steps, rate = 10000, 7.0
    resolution = int(sys.argv[6])
n = x.shape[1]
L = len(W)

# Which steps become frames: netfig's even spacing.
frame_steps = sorted(set(int(np.floor(i * steps / (frames - 1) + 0.5)) for i in range(frames)))
keep = set(frame_steps)

# Training, keeping the parameters at the frame steps and (W^L[1,1], b^L[1]) at every step.
costs = np.empty(steps + 1)
path = np.empty((steps + 1, 2))
snapshots = {}
for step in range(steps + 1):
    if step in keep:
        snapshots[step] = ([w.copy() for w in W], [v.copy() for v in b])
    path[step] = (W[-1][0, 0], b[-1][0, 0])
    a = [x]
    for Wl, bl in zip(W, b):
        a.append(act(Wl @ a[-1] + bl))
    diff = a[-1] - y
    costs[step] = np.sum(diff * diff) / n
    if step == steps:
        break
    delta = 2 * diff * dact(a[-1])
    for l in range(L - 1, -1, -1):
        dW = delta @ a[l].T / n
        db = delta.sum(axis=1, keepdims=True) / n
        if l > 0:
            delta = (W[l].T @ delta) * dact(a[l])
        W[l] -= rate * dW
        b[l] -= rate * db

def window(v, pts):
    half = max(3, 2 * abs(v))
    lo, hi = v - half, v + half
    m = 0.1 * max(pts.max() - pts.min(), 1)
    return min(lo, pts.min() - m), max(hi, pts.max() + m)

xr = window(path[0, 0], path[:, 0])
yr = window(path[0, 1], path[:, 1])
gw = np.linspace(*xr, resolution)
gb = np.linspace(*yr, resolution)

def slice_cost(Ws, bs):
    """C over (W^L[1,1], b^L[1]) with every other parameter fixed: only the last layer moves."""
    a = x
    for Wl, bl in zip(Ws[:-1], bs[:-1]):
        a = act(Wl @ a + bl)
    z = Ws[-1] @ a + bs[-1]                                 # (outputs, n)
    rest = z[0] - Ws[-1][0, 0] * a[0] - bs[-1][0, 0]        # z of output 1 without the swept terms
    z1 = gw[None, :, None] * a[0] + gb[:, None, None] + rest    # (res, res, n)
    d1 = act(z1) - y[0]
    other = np.sum((act(z[1:]) - y[1:]) ** 2)
    return (np.sum(d1 * d1, axis=2) + other) / n

fig = plt.figure(figsize=(12.8, 7.2), dpi=100)
if mode == "not":
    axd, axs, axc = fig.subplots(1, 3)
    axf = None
else:
    (axd, axs), (axc, axf) = fig.subplots(2, 2)
title = fig.suptitle("")

# The diagram: neurons at fixed places, edges as one LineCollection coloured by weight.
shape = [W[0].shape[1]] + [w.shape[0] for w in W]
pos = [[(l, (i + 1) / (k + 1)) for i in range(k)] for l, k in enumerate(shape)]
segments = [(pos[l][j], pos[l + 1][i]) for l, w in enumerate(W) for i in range(w.shape[0]) for j in range(w.shape[1])]
wmax = max(np.abs(w).max() for snap in snapshots.values() for w in snap[0])
wnorm = TwoSlopeNorm(0, -wmax, wmax)
edges = LineCollection(segments, cmap="RdBu", norm=wnorm)
axd.add_collection(edges)
for layer in pos:
    axd.scatter([p[0] for p in layer], [p[1] for p in layer], s=300, c="white", edgecolors="black", zorder=3)
axd.set_xlim(-0.3, len(shape) - 0.7)
axd.set_ylim(0, 1)
axd.axis("off")
axd.set_title("The network")
fig.colorbar(matplotlib.cm.ScalarMappable(norm=wnorm, cmap="RdBu"), ax=axd, label="weight")

# The surface: static for the NOT neuron, a moving slice for the heart.
first = slice_cost(*snapshots[frame_steps[0]])
last = slice_cost(*snapshots[frame_steps[-1]])
lo, hi = min(first.min(), last.min()), max(first.max(), last.max())
cnorm = LogNorm(max(lo, hi * 1e-6), hi) if hi / max(np.percentile(first, 10), 1e-300) >= 100 else Normalize(lo, hi)
im = axs.imshow(first, origin="lower", extent=(*xr, *yr), aspect="auto", cmap="viridis", norm=cnorm)
fig.colorbar(im, ax=axs, label="cost C")
contours = axs.contour(gw, gb, first, levels=6, colors="white", linewidths=0.7)
(trail,) = axs.plot([], [], color="red", linewidth=1.5)
(head,) = axs.plot([], [], "o", color="red")
axs.set_xlabel("w[L][1,1]")
axs.set_ylabel("b[L][1]")
axs.set_title("The cost surface")

# The curve so far, on axes fixed from the whole run.
(curve,) = axc.plot([], [], color="C0")
cursor = axc.axvline(0, color="grey", linestyle="--", linewidth=0.8)
axc.set_xlim(0, steps)
axc.set_yscale("log" if costs.max() / costs.min() >= 100 else "linear")
axc.set_ylim(costs.min() * 0.9, costs.max() * 1.1)
axc.set_xlabel("step")
axc.set_ylabel("cost C")
axc.set_title("The training curve")

if axf is not None:
    axf.plot(y[0], y[1], color="grey", linewidth=1, label="target")
    (fit,) = axf.plot([], [], color="C1", linewidth=2, label="output")
    axf.set_aspect("equal")
    axf.set_xlim(y[0].min() - 0.1, y[0].max() + 0.1)
    axf.set_ylim(y[1].min() - 0.1, y[1].max() + 0.1)
    axf.legend(loc="upper right")
    axf.set_title("What it computes")

for number, step in enumerate(frame_steps, start=1):
    Ws, bs = snapshots[step]
    weights = np.concatenate([w.ravel() for w in Ws])
    edges.set_array(weights)
    edges.set_linewidths(0.5 + 4 * np.abs(weights) / wmax)
    if mode != "not":
        grid = slice_cost(Ws, bs)
        im.set_data(grid)
        contours.remove()
        contours = axs.contour(gw, gb, grid, levels=6, colors="white", linewidths=0.7)
    trail.set_data(path[:step + 1, 0], path[:step + 1, 1])
    head.set_data([path[step, 0]], [path[step, 1]])
    curve.set_data(np.arange(step + 1), costs[:step + 1])
    cursor.set_xdata([step, step])
    if axf is not None:
        a = x
        for Wl, bl in zip(Ws, bs):
            a = act(Wl @ a + bl)
        fit.set_data(a[0], a[1])
    title.set_text(f"step {step} of {steps} · C = {costs[step]:.4g}")
    fig.savefig(os.path.join(outdir, f"frame_{number:05d}.png"))
