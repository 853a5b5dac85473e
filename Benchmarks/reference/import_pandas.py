"""Benchmarks/run import: a table of ROWS rows through `noether import` and through pandas.

  make FILE ROWS      writes a CSV record: trial, t, x, y; trials of 1000 samples at step
                      0.01 of a damped rotation, so every trial shares one time grid
  run FILE OUT        the reference: pandas.read_csv (its C parser), the rows grouped by
                      trial in order of first appearance, states [N, T, 2] (shuffled and
                      deflated at level 4, as Noether writes) and times [T] written with
                      h5py; prints the seconds on its last line
  summary ROWS OURS THEIRS
                      the medians of Noether's runs (start:end pairs) and of the reference's
                      seconds, and their ratio, on one line
  check NOETHER REF   the two files' states agree to 1e-15 relative, trajectory by
                      trajectory (pandas' default parser may round the last bit differently;
                      the figures mean nothing if the two read different numbers)

The reference does less than `noether import`, which also checks every row, estimates
the derivatives and the noise per component and records the provenance.
"""
import math
import sys
import time


def make(path, rows):
    length = 1000
    with open(path, "w") as out:
        out.write("# a synthetic record for Benchmarks/run import\n")
        out.write("trial,t,x,y\n")
        for row in range(rows):
            trial, k = divmod(row, length)
            t = 0.01 * k
            phase = 0.1 * trial
            decay = math.exp(-0.05 * t)
            out.write(f"{trial},{t:.2f},{decay * math.cos(t + phase):.9f},{decay * math.sin(t + phase):.9f}\n")


def run(path, out):
    import h5py
    import numpy as np
    import pandas as pd

    start = time.perf_counter()
    table = pd.read_csv(path, comment="#")
    groups = table.groupby("trial", sort=False)
    states = np.stack([g[["x", "y"]].to_numpy() for _, g in groups])
    times = next(iter(groups))[1]["t"].to_numpy()
    with h5py.File(out, "w") as f:
        # compressed as Noether's files are: shuffle and deflate level 4, chunks of at most
        # 1 MiB split along the first axis
        rows = max(1, min(states.shape[0], (1 << 20) // (states[0].size * 8)))
        chunk = (rows,) + states.shape[1:]
        f.create_dataset("states", data=states, chunks=chunk, shuffle=True, compression="gzip", compression_opts=4)
        f.create_dataset("time", data=times)
    print(f"{time.perf_counter() - start:.3f}")


def check(noether, reference):
    import h5py
    import numpy as np

    with h5py.File(noether, "r") as a, h5py.File(reference, "r") as b:
        x, y = a["states"][()], b["states"][()]
        if x.shape != y.shape or not np.allclose(x, y, rtol=1e-15, atol=0):
            sys.exit(f"import: the states differ: {x.shape} against {y.shape}")
        print(f"states agree: {x.shape}, largest difference {np.max(np.abs(x - y)):.1e}")


def summary(rows, ours, theirs):
    import statistics

    noether = [float(end) - float(start) for start, end in (pair.split(":") for pair in ours.split())]
    pandas = [float(value) for value in theirs.split()]
    runs = ", ".join(f"{a:.2f}/{b:.2f}" for a, b in zip(noether, pandas))
    print(f"noether import / pandas, alternated: {runs} s", file=sys.stderr)
    n, p = statistics.median(noether), statistics.median(pandas)
    print(f"import: rows={rows} noether_s={n:.2f} pandas_s={p:.2f} noether_over_pandas={n / p:.2f} target_s=10")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "make":
        make(sys.argv[2], int(sys.argv[3]))
    elif command == "run":
        run(sys.argv[2], sys.argv[3])
    elif command == "summary":
        summary(sys.argv[2], sys.argv[3], sys.argv[4])
    elif command == "check":
        check(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown command {command}")
