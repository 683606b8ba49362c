#!/usr/bin/env python3
"""An oracle for netfig's feature inputs: numpy's arithmetic and this file's own reading of the
grammar in README.md, none of netfig's code.

Reads a JSON spec with explicit weights and biases, inline data (the data's own inputs) and
`features`, and prints one JSON object:

    {"features": [[...] per example], "cost": C, "example_costs": [...],
     "gradients": {"W1": [[...]], "b1": [...], ...},
     "input_gradients": [[∂C_k/∂a0] per example], "x_gradients": [[∂C_k/∂x] per example],
     "activations": [[a0, a1, ..., aL] per example]}

A feature is xI, xI^2, xI*xJ (I != J) or sin(xI), spaces ignored; the network's input is the
list of features, in order. ∂C_k/∂x is found by the chain rule through each feature's
derivative, written out here: d(xI)/dxI = 1, d(xI^2)/dxI = 2 xI, d(xI xJ)/dxI = xJ,
d(sin xI)/dxI = cos xI.

Usage: features.py SPEC.json
"""

import json
import re
import sys

import numpy as np

from generalisation import ACTIVATIONS, forward, network

PATTERNS = [
    (re.compile(r"^x([1-9][0-9]*)$"), "input"),
    (re.compile(r"^x([1-9][0-9]*)\^2$"), "square"),
    (re.compile(r"^x([1-9][0-9]*)\*x([1-9][0-9]*)$"), "product"),
    (re.compile(r"^sin\(x([1-9][0-9]*)\)$"), "sine"),
]


def parse(text):
    text = text.replace(" ", "")
    for pattern, kind in PATTERNS:
        match = pattern.match(text)
        if match:
            numbers = [int(g) - 1 for g in match.groups()]
            if kind == "product":
                assert numbers[0] != numbers[1], text
            return kind, numbers
    raise ValueError(f"not a feature: {text}")


def value(feature, x):
    kind, n = feature
    if kind == "input":
        return x[n[0]]
    if kind == "square":
        return x[n[0]] ** 2
    if kind == "product":
        return x[n[0]] * x[n[1]]
    return np.sin(x[n[0]])


def derivative(feature, x):
    kind, n = feature
    d = np.zeros(len(x))
    if kind == "input":
        d[n[0]] = 1
    elif kind == "square":
        d[n[0]] = 2 * x[n[0]]
    elif kind == "product":
        d[n[0]] += x[n[1]]
        d[n[1]] += x[n[0]]
    else:
        d[n[0]] = np.cos(x[n[0]])
    return d


def main(path):
    with open(path) as f:
        spec = json.load(f)
    activations, weights, biases, mean = network(spec)
    depth = len(weights)
    features = [parse(t) for t in spec["features"]]
    raw = np.array(spec["data"]["inputs"], dtype=float)
    y = np.array(spec["data"]["targets"], dtype=float).T
    a0 = np.array([[value(f, x) for f in features] for x in raw]).T

    zs, activities = forward(weights, biases, activations, a0)
    per_example = ((activities[-1] - y) ** 2).sum(axis=0)
    cost = per_example.mean() if mean else per_example.sum()

    factor = 1 / raw.shape[0] if mean else 1.0
    d_a = 2 * (activities[-1] - y)
    gradients = {}
    for l in reversed(range(depth)):
        delta = d_a * ACTIVATIONS[activations[l]][1](zs[l], activities[l + 1])
        gradients[f"W{l + 1}"] = (factor * delta @ activities[l].T).tolist()
        gradients[f"b{l + 1}"] = (factor * delta.sum(axis=1)).tolist()
        d_a = weights[l].T @ delta
    input_gradients = d_a.T
    x_gradients = [sum(g[i] * derivative(f, x) for i, f in enumerate(features)) for x, g in zip(raw, input_gradients)]
    json.dump({
        "features": a0.T.tolist(),
        "cost": float(cost),
        "example_costs": per_example.tolist(),
        "gradients": gradients,
        "input_gradients": input_gradients.tolist(),
        "x_gradients": [list(map(float, g)) for g in x_gradients],
        "activations": [[a[:, k].tolist() for a in activities] for k in range(raw.shape[0])],
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
