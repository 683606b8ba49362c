#!/usr/bin/env python3
"""`make bench`: netfig against numpy/matplotlib peers doing the same work, in one run.

Usage: bench/run.py NETFIG PYTHON [--portable NETFIG] [--cpu NAME] [--runs N] [--only NAME,…] [--no-write]

For every workload, netfig and its peer run alternately, N times each (default 5); whole
processes are timed with time.perf_counter around subprocess.run, and where a workload
names an inner time (the grid, the training loop) both sides print it on stderr
("grid: N ms"; netfig with NETFIG_TIMING=1). Prints the table of medians and the
speed-up (peer time / netfig time), and writes it with the machine's description and
bench/analysis.md into BENCHMARKS.md.

The peers run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from their environment
(set on some machines, they slow numpy's BLAS down); netfig's environment is untouched.
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".build-bench" / "work"
PEERS = ROOT / "bench" / "peers"


def run(cmd, env=None, cwd=WORK):
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(map(str, cmd))} failed ({done.returncode}):\n{done.stderr}")
    inner = {m.group(1): float(m.group(2)) / 1000 for m in re.finditer(r"^(\w+): ([0-9.]+) ms$", done.stderr, re.M)}
    return seconds, inner, done.stdout


def folder_bytes(path):
    return sum(f.stat().st_size for f in Path(path).glob("frame_*.png"))


def same_values(netfig_csv, peer_npy):
    """The largest |netfig - peer| / max(1, |peer|) over a grid and how many values; exits when above 1e-12."""
    import numpy as np
    ours = np.loadtxt(WORK / netfig_csv, delimiter=",", skiprows=1, ndmin=2)[:, 2]
    theirs = np.load(WORK / peer_npy).ravel()
    if ours.shape != theirs.shape:
        sys.exit(f"bench: {netfig_csv} has {ours.size} values, {peer_npy} {theirs.size}")
    worst = float(np.max(np.abs(ours - theirs) / np.maximum(1, np.abs(theirs))))
    if not worst <= 1e-12:
        sys.exit(f"bench: {netfig_csv} and {peer_npy} differ by {worst:.3g} (relative); expected the same values to 1e-12")
    return worst, ours.size


def landscape_scaling(netfig, env, runs):
    """netfig's grid for the landscape network at two sizes of the data and of the grid: a table.

    Processor time (every thread's) is the work; wall-clock time on these shared 2-core
    machines also holds whatever else ran. Each size runs at least 5 times (netfig alone).
    """
    sizes = [(2000, 64), (1000, 64), (2000, 32)]
    runs = max(runs, 5)
    rows = []
    for examples, n in sizes:
        wall, cpu = [], []
        for _ in range(runs):
            _, inner, _ = run([netfig, "surface", f"landscape-{examples}.yaml", "--x", "random", "--y", "random",
                               "--resolution", str(n), "-o", f"landscape-{examples}-{n}.csv"], env=env)
            wall.append(inner["grid"])
            cpu.append(inner["grid_cpu"])
        rows.append((examples, n, statistics.median(wall), statistics.median(cpu)))
        print(f"  landscape scaling {examples} examples, {n}²: {rows[-1][2] * 1000:.1f} ms, processor {rows[-1][3] * 1000:.1f} ms",
              file=sys.stderr)
    base = rows[0]
    out = ("## Landscape: how netfig's time grows\n\n"
           f"The `landscape` network's grid (netfig alone, medians of {runs}) at two sizes of the data and of the grid: "
           "the wall-clock time, and the processor time of all its threads, which is the work.\n\n"
           "| examples | grid | points × examples | grid, wall clock | grid, processor time | processor time per point and example "
           "| processor time against the first row | work against the first row |\n"
           "|---|---|---|---|---|---|---|---|\n")
    for examples, n, wall, cpu in rows:
        work = examples * n * n
        out += (f"| {examples:,} | {n}² | {work:,} | {wall * 1000:,.1f} ms | {cpu * 1000:,.1f} ms | {cpu / work * 1e9:.1f} ns | "
                f"{cpu / base[3]:.2f} | {work / (base[0] * base[1] ** 2):.2f} |\n")
    # Time = a part for the examples alone (the first layer's three products) + a part per point.
    per_point = (rows[0][3] - rows[2][3]) / (64 ** 2 - 32 ** 2)
    fixed = rows[2][3] - per_point * 32 ** 2
    out += (f"\nFrom the two grids of 2,000 examples: {fixed * 1000:.1f} ms of processor time that does not depend on the "
            f"grid (the first layer's z¹₀, u and v), and {per_point * 1e6:.1f} µs per grid point "
            f"({per_point / 2000 * 1e9:.1f} ns per point and example).\n\n")
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("netfig")
    parser.add_argument("python")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--portable", default="", help="a second netfig, built for baseline x86-64")
    parser.add_argument("--cpu", default="", help="the -target-cpu NETFIG was built for")
    parser.add_argument("--only", default="")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    netfig = os.path.abspath(args.netfig)
    portable = os.path.abspath(args.portable) if args.portable else ""
    py = os.path.abspath(args.python)  # not resolve(): a venv's python is a symlink
    WORK.mkdir(parents=True, exist_ok=True)

    netfig_env = dict(os.environ, NETFIG_TIMING="1")
    peer_env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    peer_env["PYTHONPATH"] = str(PEERS)
    removed = [k for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ]

    # Shared inputs, untimed: the heart's examples, its starting and trained parameters.
    heart = ROOT / "assets" / "heart.yaml"
    notspec = ROOT / "assets" / "not.yaml"
    run([netfig, "fit", heart, "-o", "heart-examples.csv"])
    run([netfig, "train", heart, "--steps", "0", "-o", "start.csv", "--save", "start.yaml"])
    run([netfig, "train", heart, "-o", "trained.csv", "--save", "trained.yaml"])
    trained = (WORK / "trained.yaml").read_text()
    w = float(re.search(r"weights:\s*- \[\[.*?\]\][^-]*- \[\[([-0-9.e]+)", trained, re.S).group(1))
    b = float(re.search(r"biases:\s*- \[.*?\]\s*- \[([-0-9.e]+)", trained, re.S).group(1))
    hx = (w - max(3, 2 * abs(w)), w + max(3, 2 * abs(w)))
    hy = (b - max(3, 2 * abs(b)), b + max(3, 2 * abs(b)))
    rng = lambda r: f"{r[0]!r}:{r[1]!r}"

    # The landscape workload's network and data (loss-landscape's scale): 784 -> 32 -> 10 with
    # seeded random weights, 2,000 examples of seeded random data in a CSV file (and its first
    # 1,000, for the scaling table); the peer evaluates the plane netfig wrote.
    landscape_examples = [2000, 1000]
    need_landscape = not args.only or any(name.startswith("landscape") for name in args.only.split(","))
    if need_landscape:
        import numpy as np
        draws = np.random.default_rng(784)
        inputs, targets = draws.random((2000, 784)), draws.random((2000, 10))
        for count in landscape_examples:
            with open(WORK / f"landscape-{count}.csv", "w") as f:
                for row in np.hstack([inputs[:count], targets[:count]]):
                    f.write(",".join(repr(float(v)) for v in row) + "\n")
            (WORK / f"landscape-{count}.yaml").write_text(
                f"title: A 784 → 32 → 10 network on random data\nlayers: [784, 32, 10]\nactivation: [relu, sigmoid]\n"
                f"init: {{seed: 1, scale: 0.05}}\ndata: {{file: landscape-{count}.csv, inputs: 784}}\n")
        run([netfig, "surface", "landscape-2000.yaml", "--x", "random", "--y", "random", "--resolution", "64", "-o", "landscape-plane.csv"])

    # Frames in parallel, one per core (`--jobs`; the peers draw one figure after another).
    jobs = str(os.cpu_count() or 1)
    workloads = [
        dict(name="surface-not", what="NOT neuron, 1024² grid, 12 contours, 200-step path, 1600×1200 PNG",
             netfig=[netfig, "surface", notspec, "--x", "w1", "--y", "b1", "--x-range", "-10:10", "--y-range", "-10:10",
                     "--resolution", "1024", "--contours", "12", "--descent", "200", "--rate", "0.5",
                     "--width", "1600", "--height", "1200", "--scale", "1", "-o", "surface-not.png"],
             peer=[py, PEERS / "surface_not.py", "peer-surface-not.png"],
             metrics=[("whole process", "s", None)]),
        dict(name="surface-heart", what="trained heart, 512² grid over W2[1,1], b2[1], 100 examples",
             netfig=[netfig, "surface", "trained.yaml", "--x", "W2[1,1]", "--y", "b2[1]", "--resolution", "512",
                     "--x-range", rng(hx), "--y-range", rng(hy), "-o", "surface-heart.png"],
             peer=[py, PEERS / "surface_heart.py", "trained.yaml", "heart-examples.csv", "512",
                   *map(repr, hx), *map(repr, hy), "peer-surface-heart.png"],
             metrics=[("grid evaluation", "s", "grid"), ("whole process", "s", None)]),
        dict(name="train-heart", what="1 → 6 → 7 → 2 sigmoid, 100 examples, 10,000 full-batch steps at rate 7",
             netfig=[netfig, "train", "start.yaml", "--steps", "10000", "--rate", "7", "-o", "train-heart.csv"],
             peer=[py, PEERS / "train_heart.py", "start.yaml", "heart-examples.csv", "10000", "7"],
             metrics=[("steps/s (training loop)", "rate", "training", 10000), ("whole process", "s", None)]),
        dict(name="animate-not", what="120 frames, 1280×720 PNG: diagram, surface with path, curve (netfig `--jobs` = cores)",
             netfig=[netfig, "animate", notspec, "--frames", "120", "--size", "1280x720", "--jobs", jobs, "-o", "animate-not"],
             peer=[py, PEERS / "animate.py", "not", "peer-animate-not", "120"],
             metrics=[("frames/s (whole process)", "rate", None, 120), ("total bytes", "bytes", "animate-not")],
             dirs=("animate-not", "peer-animate-not")),
        dict(name="animate-heart", what="100 frames, 1280×720 PNG: diagram, moving 256² slice with path, curve, fit (netfig `--jobs` = cores)",
             netfig=[netfig, "animate", heart, "--frames", "100", "--resolution", "256", "--size", "1280x720", "--jobs", jobs,
                     "-o", "animate-heart"],
             peer=[py, PEERS / "animate.py", "heart", "peer-animate-heart", "100", "start.yaml", "heart-examples.csv", "256"],
             metrics=[("frames/s (whole process)", "rate", None, 100), ("total bytes", "bytes", "animate-heart")],
             dirs=("animate-heart", "peer-animate-heart")),
        dict(name="landscape", what="784 → 32 → 10 (relu, sigmoid), random weights, 2,000 examples of random data: a 64² grid over "
             "two filter-normalised random directions; the peer a full forward pass per point, as loss-landscape (3 runs of each side)",
             netfig=[netfig, "surface", "landscape-2000.yaml", "--x", "random", "--y", "random", "--resolution", "64", "-o", "landscape.csv"],
             peer=[py, PEERS / "landscape.py", "landscape-plane.plane.json", "landscape-2000.csv", "64", "peer-landscape.npy"],
             metrics=[("grid evaluation", "s", "grid"), ("whole process", "s", None)],
             runs=min(args.runs, 3), check=("landscape.csv", "peer-landscape.npy")),
    ]
    only = set(filter(None, args.only.split(",")))
    rows = []
    checks = []
    started = time.perf_counter()
    for wl in workloads:
        if only and wl["name"] not in only:
            continue
        sides = ["netfig", "peer"] + (["portable"] if args.portable else [])
        results = {side: [] for side in sides}
        for dirname in wl.get("dirs", ()):
            shutil.rmtree(WORK / dirname, ignore_errors=True)
        runs = wl.get("runs", args.runs)
        for i in range(runs):
            # Alternate which side goes first, so neither always runs on a warmer machine.
            order = sides if i % 2 == 0 else sides[::-1]
            for side in order:
                cmd = wl["peer"] if side == "peer" else [netfig if side == "netfig" else portable] + wl["netfig"][1:]
                secs, inner, _ = run([str(c) for c in cmd], env=peer_env if side == "peer" else netfig_env)
                results[side].append((secs, inner))
            print(f"  {wl['name']} run {i + 1}/{runs}: " + ", ".join(f"{side} {results[side][-1][0]:.3f} s" for side in sides),
                  file=sys.stderr)
        if "check" in wl:
            checks.append((wl["name"], same_values(*wl["check"])))
        for metric in wl["metrics"]:
            label, kind, key = metric[0], metric[1], metric[2]
            if kind == "bytes":
                nb, pb = folder_bytes(WORK / wl["dirs"][0]), folder_bytes(WORK / wl["dirs"][1])
                rows.append((wl["name"], label, f"{nb / 1e6:.2f} MB", f"{pb / 1e6:.2f} MB", f"{nb / pb:.2f}× the peer's size")
                            + (("", "") if args.portable else ()))
                continue
            def value(sample):
                secs, inner = sample
                return inner[key] if key else secs
            nm = statistics.median(value(s) for s in results["netfig"])
            pm = statistics.median(value(s) for s in results["peer"])
            qm = statistics.median(value(s) for s in results["portable"]) if args.portable else None
            if kind == "rate":
                count = metric[3]
                fmt = lambda t: f"{count / t:,.0f}"
            else:
                fmt = lambda t: f"{t * 1000:,.1f} ms"
            row = (wl["name"], label, fmt(nm), fmt(pm), f"{pm / nm:.1f}×")
            if qm is not None:
                row += (fmt(qm), f"{pm / qm:.1f}×")
            rows.append(row)
    scaling = landscape_scaling(netfig, netfig_env, args.runs) if need_landscape else ""
    elapsed = time.perf_counter() - started

    header = "| workload | measure | netfig (median) | numpy/matplotlib peer (median) | netfig vs peer |"
    header += " netfig portable build | portable vs peer |\n|---|---|---|---|---|---|---|\n" if args.portable else "\n|---|---|---|---|---|\n"
    table = header + "".join(f"| {' | '.join(r)} |\n" for r in rows)
    print()
    print(table)
    for name, (worst, count) in checks:
        print(f"{name}: netfig's {count:,} costs equal the peer's to {worst:.1e} (largest |difference| / max(1, |C|))")
    print(scaling)
    print(f"bench: {args.runs} runs of each side per workload, {elapsed:.0f} s", file=sys.stderr)
    if args.no_write or only:
        return

    def version(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.strip()
        except OSError:
            return "?"

    cpuinfo = Path("/proc/cpuinfo").read_text()
    field = lambda name: (re.search(rf"^{name}\s*: (.*)$", cpuinfo, re.M) or [None, "?"])[1]
    flags = set(field("flags").split())
    simd = " ".join(f for f in ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512vl") if f in flags)
    peer_info = version([py, "-c", (
        "import sys, numpy, matplotlib, threadpoolctl;"
        "print(sys.version.split()[0], numpy.__version__, matplotlib.__version__);"
        "print('; '.join(f\"{i['internal_api']} {i.get('version')} kernel {i.get('architecture')}, {i['num_threads']} threads\""
        " for i in threadpoolctl.threadpool_info()))")])
    pyver, npver, mplver = peer_info.splitlines()[0].split()
    blas = peer_info.splitlines()[1] if len(peer_info.splitlines()) > 1 else "?"
    swift = version(["swift", "--version"]).splitlines()[0]
    cpu = args.cpu or "x86-64 (default)"
    if args.cpu == "native":
        # What LLVM takes "native" to be here, as the toolchain's clang reports it.
        resolved = re.search(r'-target-cpu "?([A-Za-z0-9_.-]+)', version(["clang", "-march=native", "-E", "-v", "-x", "c", "/dev/null"]))
        cpu += f"` ({resolved.group(1)} on this machine)" if resolved else "`"
    else:
        cpu += "`"
    # Cairo and pixman draw, ISA-L deflates the PNGs: their versions move the figures' times.
    libraries = ", ".join(
        f"{name} {version(['dpkg-query', '-W', '-f', '${Version}', package]) or '?'}"
        for name, package in (("cairo", "libcairo2"), ("pixman", "libpixman-1-0"), ("ISA-L", "libisal2")))
    machine = (
        f"- CPU: {field('model name')} (family {field('cpu family')}, model {field('model')}), "
        f"{os.cpu_count()} cores; SIMD: {simd}\n"
        f"- {platform.system()} {platform.release()}, {Path('/etc/debian_version').read_text().strip() if Path('/etc/debian_version').exists() else ''}\n"
        f"- {swift}\n"
        f"- netfig: release build with `-target-cpu {cpu}, as `make demo` builds it (the \"netfig\" column)"
        + (", and a plain `swift build -c release` for baseline x86-64 (the \"portable\" columns)" if args.portable else "") + "\n"
        f"- netfig's C libraries (Debian packages): {libraries}\n"
        f"- Python {pyver}, numpy {npver}, matplotlib {mplver}\n"
        f"- numpy's BLAS (threadpoolctl, in the peers' environment): {blas}\n"
        f"- OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE in this environment: "
        f"{', '.join(f'{k}={os.environ[k]}' for k in removed) if removed else 'not set'}; removed from the peers' environment only\n"
    )
    analysis = (ROOT / "bench" / "analysis.md").read_text()
    text = (
        "# Benchmarks\n\n"
        "Written by `make bench` (bench/run.py); do not edit by hand — the commentary comes from "
        "`bench/analysis.md`.\n\n"
        f"Run on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {args.runs} runs of each side per workload (landscape: {min(args.runs, 3)}), "
        f"alternating; medians. Whole bench: {elapsed:.0f} s after the build.\n\n"
        "## Results\n\n" + table + "\n"
        "\"netfig vs peer\" is the peer's time divided by netfig's (how many times faster netfig is); for "
        "sizes, netfig's bytes over the peer's.\n\n"
        + "".join(f"`{name}`: netfig's {count:,} costs equal the peer's to {worst:.1e} (the largest |difference| / max(1, |C|); "
                  "the bench stops when one differs by more than 1e-12).\n\n" for name, (worst, count) in checks)
        + scaling +
        "## Workloads\n\n" + "".join(f"- `{wl['name']}`: {wl['what']}\n" for wl in workloads) + "\n"
        "## Machine\n\n" + machine + "\n" + analysis
    )
    (ROOT / "BENCHMARKS.md").write_text(text)
    print("bench: wrote BENCHMARKS.md", file=sys.stderr)


if __name__ == "__main__":
    main()
