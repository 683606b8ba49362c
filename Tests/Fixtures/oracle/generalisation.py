#!/usr/bin/env python3
"""An oracle for netfig's held-out test cost and weight penalty: numpy's arithmetic and its own
generator, following README.md's description, none of netfig's code.

Reads a JSON spec with explicit weights and biases and inline data (a `test` share or block,
`training.l2` and `training.l1`), and prints one JSON object:

    {"test_indices": [...], "cost": C, "test_cost": C_test, "penalty": R,
     "regularized_cost": C + R, "regularized_gradients": {"W1": [[...]], "b1": [...], ...},
     "train_inputs": [[...] per example], "train_targets": [...], "train_outputs": [...],
     "test_inputs": [...], "test_targets": [...], "test_outputs": [...]}

C is over the training examples (the data's without the held-out ones); gradients are those
of C + R. The split follows README's description: round(share * N) examples, halves up, the
first of a Fisher-Yates shuffle of 0..N-1 by xoshiro256** seeded (through SplitMix64) with
seed ^ 0x74657374, seed 1 for inline data; Lemire's method for the bounded draws.

Usage: generalisation.py SPEC.json
"""

import json
import math
import sys

import numpy as np

MASK = (1 << 64) - 1


class Xoshiro256StarStar:
    def __init__(self, seed):
        state = seed & MASK
        words = []
        for _ in range(4):
            state = (state + 0x9E3779B97F4A7C15) & MASK
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            words.append(z ^ (z >> 31))
        self.s = words

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next(self):
        s = self.s
        result = (self.rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return result

    def index_below(self, bound):
        """Lemire's nearly divisionless method: a uniform integer in [0, bound)."""
        product = self.next() * bound
        low = product & MASK
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                product = self.next() * bound
                low = product & MASK
        return product >> 64


def test_indices(n, share, seed):
    held = math.floor(share * n + 0.5)
    assert 1 <= held < n, (share, n)
    order = list(range(n))
    rng = Xoshiro256StarStar(seed ^ 0x74657374)
    for i in range(n - 1, 0, -1):
        j = rng.index_below(i + 1)
        order[i], order[j] = order[j], order[i]
    return sorted(order[:held])


ACTIVATIONS = {
    "tanh": (np.tanh, lambda z, a: 1 - a * a),
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z, a: a * (1 - a)),
    "relu": (lambda z: np.maximum(z, 0), lambda z, a: (z > 0).astype(float)),
    "identity": (lambda z: z, lambda z, a: np.ones_like(z)),
}


def forward(weights, biases, activations, x):
    """x: one column per example. Returns the z and a of every layer (a[0] = x)."""
    zs, activities = [], [x]
    for W, b, name in zip(weights, biases, activations):
        z = W @ activities[-1] + b[:, None]
        zs.append(z)
        activities.append(ACTIVATIONS[name][0](z))
    return zs, activities


def cost(weights, biases, activations, x, y, mean):
    _, activities = forward(weights, biases, activations, x)
    per_example = ((activities[-1] - y) ** 2).sum(axis=0)
    return per_example.mean() if mean else per_example.sum()


def gradients(weights, biases, activations, x, y, mean):
    zs, activities = forward(weights, biases, activations, x)
    factor = 1 / x.shape[1] if mean else 1.0
    d_a = 2 * (activities[-1] - y)
    d_weights, d_biases = [None] * len(weights), [None] * len(weights)
    for l in reversed(range(len(weights))):
        delta = d_a * ACTIVATIONS[activations[l]][1](zs[l], activities[l + 1])
        d_weights[l] = factor * delta @ activities[l].T
        d_biases[l] = factor * delta.sum(axis=1)
        d_a = weights[l].T @ delta
    return d_weights, d_biases


def network(spec):
    """The spec's activations (a name per layer), weights, biases, and whether C is a mean."""
    depth = len(spec["layers"]) - 1
    activation = spec["activation"]
    activations = [activation] * depth if isinstance(activation, str) else activation
    weights = [np.array(W, dtype=float) for W in spec["weights"]]
    biases = [np.array(b, dtype=float) for b in spec["biases"]]
    return activations, weights, biases, spec.get("cost", "mean") == "mean"


def main(path):
    with open(path) as f:
        spec = json.load(f)
    activations, weights, biases, mean = network(spec)
    depth = len(weights)
    data = spec["data"]
    inputs = np.array(data["inputs"], dtype=float)
    targets = np.array(data["targets"], dtype=float)
    test = data.get("test")
    if isinstance(test, dict):
        chosen = []
        train_x, train_y = inputs, targets
        test_x, test_y = np.array(test["inputs"], dtype=float), np.array(test["targets"], dtype=float)
    else:
        chosen = test_indices(len(inputs), test, 1)
        kept = [k for k in range(len(inputs)) if k not in chosen]
        train_x, train_y = inputs[kept], targets[kept]
        test_x, test_y = inputs[chosen], targets[chosen]
    training = spec.get("training", {})
    l2, l1 = training.get("l2", 0.0), training.get("l1", 0.0)

    c = cost(weights, biases, activations, train_x.T, train_y.T, mean)
    c_test = cost(weights, biases, activations, test_x.T, test_y.T, mean)
    all_weights = np.concatenate([W.ravel() for W in weights])
    penalty = l2 / 2 * np.sum(all_weights ** 2) + l1 * np.sum(np.abs(all_weights))
    d_weights, d_biases = gradients(weights, biases, activations, train_x.T, train_y.T, mean)
    regularized = {}
    for l in range(depth):
        regularized[f"W{l + 1}"] = (d_weights[l] + l2 * weights[l] + l1 * np.sign(weights[l])).tolist()
        regularized[f"b{l + 1}"] = d_biases[l].tolist()
    _, train_a = forward(weights, biases, activations, train_x.T)
    _, test_a = forward(weights, biases, activations, test_x.T)
    json.dump({
        "test_indices": chosen,
        "train_inputs": train_x.tolist(),
        "train_targets": train_y.tolist(),
        "train_outputs": train_a[-1].T.tolist(),
        "test_inputs": test_x.tolist(),
        "test_targets": test_y.tolist(),
        "test_outputs": test_a[-1].T.tolist(),
        "cost": float(c),
        "test_cost": float(c_test),
        "penalty": float(penalty),
        "regularized_cost": float(c + penalty),
        "regularized_gradients": regularized,
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
