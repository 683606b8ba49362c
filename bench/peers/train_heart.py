"""train-heart peer: full-batch gradient descent on the 1 → 6 → 7 → 2 sigmoid network in numpy.

Usage: train_heart.py START.yaml EXAMPLES.csv STEPS RATE
The loop is what the course's notebook does, vectorised over examples: forward with
W @ a + b, cost recorded every step, backward with the matrix products. Prints
"training: N ms" (the loop alone) on stderr and the final cost on stdout.
"""
import sys

import numpy as np

from common import Timer, read_examples, read_spec, report, sigmoid

W, b = read_spec(sys.argv[1])
x, y = read_examples(sys.argv[2], inputs=1)
steps, rate = int(sys.argv[3]), float(sys.argv[4])
n = x.shape[1]
costs = np.empty(steps + 1)

with Timer() as t:
    for step in range(steps + 1):
        a = [x]
        for Wl, bl in zip(W, b):
            a.append(sigmoid(Wl @ a[-1] + bl))
        diff = a[-1] - y
        costs[step] = np.sum(diff * diff) / n
        if step == steps:
            break
        delta = 2 * diff * a[-1] * (1 - a[-1])
        for l in range(len(W) - 1, -1, -1):
            dW = delta @ a[l].T / n
            db = delta.sum(axis=1, keepdims=True) / n
            if l > 0:
                delta = (W[l].T @ delta) * a[l] * (1 - a[l])
            W[l] -= rate * dW
            b[l] -= rate * db
report("training", t.seconds)
print(repr(costs[-1]))
