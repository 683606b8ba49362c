#!/usr/bin/env python3
"""An oracle for netfig's cost surfaces along directions (`surface --x random`, `toward:`,
`--plane pca`) and its profiles (`profile --toward`): numpy's arithmetic, a full forward pass
per point as loss-landscape computes it, and its own generator for the random directions,
following README.md's description; none of netfig's code.

    landscape.py surface SPEC.json PLANE.json GRID.csv
    landscape.py profile SPEC.json OTHER.json PROFILE.csv

`surface` reads the directions netfig wrote (PLANE.json, the `.plane.json` file beside the
output) and evaluates C(origin + x * x-direction + y * y-direction) with numpy at every
point of GRID.csv; it draws the random directions itself (xoshiro256** seeded through
SplitMix64, Box-Muller normals, all of W1..WL then b1..bL for delta, then the same for eta),
normalises them as README says, and computes toward directions from the other spec; for a
PCA plane it computes the principal directions of the recorded trajectory with numpy's SVD.
It prints one JSON object:

    {"costs": [...], "grid_x": [...], "grid_y": [...], "origin": {...},
     "x-direction": {...} or null, "y-direction": {...} or null,
     "row_norms": [[direction norm, theta norm], ...],
     "pca": {"directions": [[...], [...]], "explained_variance": [...], "coordinates": [...],
             "cost": [...], "plane_cost": [...]} or null}

`profile` evaluates C((1 - a) theta1 + a theta2) at every a of PROFILE.csv, over the spec's
training examples and its test examples, and prints {"alpha": [...], "costs": [...],
"test_costs": [...] or null, "grid": [...]}.
"""

import csv
import json
import math
import sys

import numpy as np

from generalisation import MASK, Xoshiro256StarStar, forward, network, test_indices


class Normals(Xoshiro256StarStar):
    """xoshiro256** with README's Box-Muller normals, both values of each pair used."""

    def __init__(self, seed):
        super().__init__(seed)
        self.spare = None

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53

    def normal(self):
        if self.spare is not None:
            value, self.spare = self.spare, None
            return value
        u1 = 1 - self.uniform()
        u2 = self.uniform()
        radius = math.sqrt(-2 * math.log(u1))
        angle = 2 * math.pi * u2
        self.spare = radius * math.sin(angle)
        return radius * math.cos(angle)


def load_spec(path):
    """The spec's parameters, activations, reduction and examples (training and test)."""
    with open(path) as f:
        spec = json.load(f)
    activations, weights, biases, mean = network(spec)
    data = spec["data"]
    inputs = np.array(data["inputs"], dtype=float)
    targets = np.array(data["targets"], dtype=float)
    test = data.get("test")
    if test is None:
        train = (inputs, targets)
        held = None
    elif isinstance(test, dict):
        train = (inputs, targets)
        held = (np.array(test["inputs"], dtype=float), np.array(test["targets"], dtype=float))
    else:
        chosen = test_indices(len(inputs), test, 1)
        kept = [k for k in range(len(inputs)) if k not in chosen]
        train = (inputs[kept], targets[kept])
        held = (inputs[chosen], targets[chosen])
    return dict(weights=weights, biases=biases, activations=activations, mean=mean, train=train, test=held)


def cost(weights, biases, activations, examples, mean):
    x, y = examples
    _, activities = forward(weights, biases, activations, x.T)
    per_example = ((activities[-1] - y.T) ** 2).sum(axis=0)
    return float(per_example.mean() if mean else per_example.sum())


def parameters(record, depth):
    return ([np.array(record[f"W{l + 1}"], dtype=float) for l in range(depth)],
            [np.array(record[f"b{l + 1}"], dtype=float) for l in range(depth)])


def as_record(weights, biases):
    out = {}
    for l, (W, b) in enumerate(zip(weights, biases)):
        out[f"W{l + 1}"] = W.tolist()
        out[f"b{l + 1}"] = b.tolist()
    return out


def random_directions(weights, biases, seed, normalize, keep):
    """delta and eta as README describes them: drawn in the course's order, then normalised."""
    rng = Normals(seed)
    drawn = []
    for _ in range(2):
        dW = [np.array([[rng.normal() for _ in range(W.shape[1])] for _ in range(W.shape[0])]) for W in weights]
        db = [np.array([rng.normal() for _ in range(len(b))]) for b in biases]
        drawn.append((dW, db))
    out = []
    for dW, db in drawn:
        nW, nb = [], []
        for W, b, d, e in zip(weights, biases, dW, db):
            e = e if keep else np.zeros_like(e)
            if normalize == "filter":
                # A neuron's filter: its row of W, with its bias when biases move.
                theta = np.hstack([W, b[:, None]]) if keep else W
                rows = np.hstack([d, e[:, None]]) if keep else d
                factor = np.linalg.norm(theta, axis=1) / np.linalg.norm(rows, axis=1)
                d, e = d * factor[:, None], e * factor if keep else e
            elif normalize == "layer":
                theta = np.concatenate([W.ravel(), b]) if keep else W.ravel()
                whole = np.concatenate([d.ravel(), e]) if keep else d.ravel()
                factor = np.linalg.norm(theta) / np.linalg.norm(whole)
                d, e = d * factor, e * factor if keep else e
            nW.append(d)
            nb.append(e)
        out.append((nW, nb))
    return out


def grid_coordinates(low, high, count):
    """README: point i of N is low + (i / (N - 1)) * (high - low)."""
    return [low + (i / (count - 1)) * (high - low) for i in range(count)]


def read_csv(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    return rows[0], [[float(v) for v in row] for row in rows[1:]]


def surface(spec_path, plane_path, grid_path):
    spec = load_spec(spec_path)
    with open(plane_path) as f:
        plane = json.load(f)
    depth = len(spec["weights"])
    activations, mean, train = spec["activations"], spec["mean"], spec["train"]
    origin = parameters(plane["origin"], depth)
    dx = parameters(plane["x-direction"], depth)
    dy = parameters(plane["y-direction"], depth)
    _, rows = read_csv(grid_path)

    costs = []
    for x, y, _ in rows:
        W = [O + x * D + y * E for O, D, E in zip(origin[0], dx[0], dy[0])]
        b = [O + x * D + y * E for O, D, E in zip(origin[1], dx[1], dy[1])]
        costs.append(cost(W, b, activations, train, mean))

    result = {"costs": costs,
              "grid_x": grid_coordinates(*plane["x-range"], plane["resolution"]),
              "grid_y": grid_coordinates(*plane["y-range"], plane["resolution"]),
              "origin": as_record(spec["weights"], spec["biases"]),
              "x-direction": None, "y-direction": None, "row_norms": [], "pca": None}
    for key, axis, written in (("x-direction", plane["x"], dx), ("y-direction", plane["y"], dy)):
        if axis["direction"] == "random":
            keep = axis["biases"] == "keep"
            pair = random_directions(spec["weights"], spec["biases"], axis["seed"], axis["normalize"], keep)
            dW, db = pair[axis["draw"] - 1]
            result[key] = as_record(dW, db)
            if axis["normalize"] == "filter":
                # Each neuron's row of the direction netfig wrote against the same row of theta.
                for W, b, d, e in zip(spec["weights"], spec["biases"], written[0], written[1]):
                    for i in range(W.shape[0]):
                        theta_row = np.append(W[i], b[i]) if keep else W[i]
                        row = np.append(d[i], e[i]) if keep else d[i]
                        result["row_norms"].append([float(np.linalg.norm(row)), float(np.linalg.norm(theta_row))])
        elif axis["direction"] == "toward":
            other = load_spec(axis["spec"])
            result[key] = as_record([A - B for A, B in zip(other["weights"], spec["weights"])],
                                    [A - B for A, B in zip(other["biases"], spec["biases"])])
    if "pca" in plane:
        result["pca"] = pca(plane["pca"], depth, activations, mean, train)
        result["origin"] = as_record(*parameters(plane["pca"]["trajectory"][-1], depth))
    json.dump(result, sys.stdout)
    print()


def flat(weights, biases):
    return np.concatenate([np.concatenate([W.ravel(), b]) for W, b in zip(weights, biases)])


def pca(record, depth, activations, mean, train):
    """The first two principal directions of the rows theta_i - theta_final, centred, by SVD."""
    steps = [parameters(t, depth) for t in record["trajectory"]]
    final = flat(*steps[-1])
    rows = np.array([flat(*s) - final for s in steps])
    centred = rows - rows.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    variance = s ** 2 / np.sum(s ** 2)
    directions = []
    for k in range(2):
        v = vt[k]
        # README: each direction signed so that the run starts at a coordinate <= 0.
        if rows[0] @ v > 0:
            v = -v
        directions.append(v)
    coordinates = [[float(r @ directions[0]), float(r @ directions[1])] for r in rows]
    costs = [cost(*s, activations, train, mean) for s in steps]
    # The cost on the plane at each projected point: theta_final + a v1 + b v2.
    plane_costs = []
    sizes = [(W.shape, len(b)) for W, b in zip(*steps[-1])]
    for a, b in coordinates:
        point = final + a * directions[0] + b * directions[1]
        W, B, offset = [], [], 0
        for shape, count in sizes:
            size = shape[0] * shape[1]
            W.append(point[offset:offset + size].reshape(shape))
            B.append(point[offset + size:offset + size + count])
            offset += size + count
        plane_costs.append(cost(W, B, activations, train, mean))
    return {"directions": [d.tolist() for d in directions], "explained_variance": variance[:2].tolist(),
            "coordinates": coordinates, "cost": costs, "plane_cost": plane_costs}


def profile(spec_path, other_path, profile_path):
    spec, other = load_spec(spec_path), load_spec(other_path)
    _, rows = read_csv(profile_path)
    alphas = [row[0] for row in rows]

    def at(a, examples):
        W = [(1 - a) * A + a * B for A, B in zip(spec["weights"], other["weights"])]
        b = [(1 - a) * A + a * B for A, B in zip(spec["biases"], other["biases"])]
        return cost(W, b, spec["activations"], examples, spec["mean"])

    json.dump({"alpha": alphas,
               "costs": [at(a, spec["train"]) for a in alphas],
               "test_costs": [at(a, spec["test"]) for a in alphas] if spec["test"] is not None else None},
              sys.stdout)
    print()


if __name__ == "__main__":
    command = sys.argv[1]
    {"surface": surface, "profile": profile}[command](*sys.argv[2:5])
