"""Helpers shared by the numpy/matplotlib peers: reading netfig's saved specs and CSVs.

The peers get exactly netfig's numbers to start from (weights from `netfig train --save`,
examples from `netfig fit -o x.csv`), so both sides do the same work on the same inputs.
"""
import json
import re
import sys
import time

import numpy as np


def read_spec(path):
    """Weights and biases of a netfig spec written by `--save` (flow-style lists)."""
    text = re.sub(r"#.*", "", open(path).read())

    def blocks(key, until):
        body = text.split(key + ":", 1)[1].split(until + ":", 1)[0]
        return [json.loads(part.replace("\n", " ")) for part in body.split("\n  - ")[1:]]

    W = [np.array(w, dtype=float) for w in blocks("weights", "biases")]
    b = [np.array(v, dtype=float).reshape(-1, 1) for v in blocks("biases", "cost")]
    return W, b


def read_examples(path, inputs):
    """Inputs and targets (one column per example) from `netfig fit -o FILE.csv`."""
    rows = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    outputs = (rows.shape[1] - inputs) // 2
    x = rows[:, :inputs].T.copy()
    y = rows[:, inputs + outputs:].T.copy()
    return x, y


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def report(name, seconds):
    print(f"{name}: {seconds * 1000:.3f} ms", file=sys.stderr)


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
