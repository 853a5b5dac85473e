"""Benchmarks/run derivatives, the reference side.

  derivatives_pynumdiff.py noisy CLEAN.h5 SIGMA OUT.h5
      copies a noise-free Noether data file with Gaussian noise of SIGMA on the states
      (seeded); `derivatives` keeps the exact derivatives of the clean states.
  derivatives_pynumdiff.py run FILE.h5 ...
      PyNumDiff 0.3 on every trajectory and component of each file: second-order finite
      differences (finitediff), Savitzky-Golay (savgoldiff, degree 3) and total-variation
      regularisation (iterative_velocity, Chartrand's method). The two regularised
      methods get their parameter by an oracle: the grid value with the smallest error
      against the exact derivatives on the file's first trajectory (an advantage Noether,
      which chooses from the data alone, does not have). Prints per file and method the
      relative RMS error over every value and the median time of 3, then one JSON line.
  derivatives_pynumdiff.py compare NOETHER.json PYNUMDIFF.json
      the error and speed ratios, one JSON line last.
"""
import json
import statistics
import sys
import time
import warnings

warnings.filterwarnings("ignore")


def noisy(clean, sigma, out):
    import h5py
    import numpy as np

    rng = np.random.default_rng(int(round(sigma * 1e6)) + 17)
    with h5py.File(clean, "r") as f, h5py.File(out, "w") as g:
        for key in f:
            f.copy(key, g)
        for key, value in f.attrs.items():
            g.attrs[key] = value
        states = f["states"][...]
        del g["states"]
        g["states"] = states + sigma * rng.standard_normal(states.shape)
        g.attrs["noise"] = float(sigma)


def estimate(method, parameter, states, dt):
    import numpy as np
    import pynumdiff

    out = np.empty_like(states)
    n, t, d = states.shape
    for i in range(n):
        for j in range(d):
            x = states[i, :, j]
            if method == "finite-difference":
                _, dx = pynumdiff.finitediff(x, dt, 1, 2)
            elif method == "savitzky-golay":
                _, dx = pynumdiff.savgoldiff(x, dt, 3, parameter, parameter)
            else:
                _, dx = pynumdiff.iterative_velocity(x, dt, 10, parameter)
            out[i, :, j] = dx
    return out


def relative_error(estimate, exact):
    import numpy as np

    return float(np.sqrt(np.sum((estimate - exact) ** 2) / np.sum(exact**2)))


GRIDS = {
    "finite-difference": [None],
    "savitzky-golay": [7, 11, 21, 41, 81],
    "total-variation": [1e-3, 1e-2, 1e-1, 1.0],
}


def run(paths):
    import h5py
    import numpy as np

    figures = {}
    for path in paths:
        with h5py.File(path, "r") as f:
            states = f["states"][...]
            exact = f["derivatives"][...]
            times = f["time"][...]
        dt = float(times[1] - times[0])
        name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        entry = {}
        for method, grid in GRIDS.items():
            best = min(
                grid, key=lambda p: relative_error(estimate(method, p, states[:1], dt), exact[:1])
            )
            seconds = []
            for _ in range(3):
                start = time.perf_counter()
                result = estimate(method, best, states, dt)
                seconds.append(time.perf_counter() - start)
            error = relative_error(result, exact)
            entry[method] = {"error": error, "seconds": statistics.median(seconds), "parameter": best}
            print(f"{name} {method} (parameter {best}): relative error {error:.4g}, "
                  f"{statistics.median(seconds):.3g} s", file=sys.stderr)
        figures[name] = entry
    print(json.dumps(figures, sort_keys=True))


def compare(noether_path, reference_path):
    noether = json.loads(open(noether_path).read().strip().splitlines()[-1])
    reference = json.loads(open(reference_path).read().strip().splitlines()[-1])
    line = {"benchmark": "derivatives"}
    for method in GRIDS:
        errors = [noether[f][method]["error"] / reference[f][method]["error"] for f in noether]
        speeds = [reference[f][method]["seconds"] / noether[f][method]["seconds"] for f in noether]
        line[f"{method}_error_ratio_median"] = round(statistics.median(errors), 3)
        line[f"{method}_speedup_median"] = round(statistics.median(speeds), 1)
        for f in sorted(noether):
            print(f"{f} {method}: Noether {noether[f][method]['error']:.4g} "
                  f"({noether[f][method]['seconds']:.3g} s), PyNumDiff {reference[f][method]['error']:.4g} "
                  f"({reference[f][method]['seconds']:.3g} s, parameter {reference[f][method]['parameter']})")
    for f in sorted(noether):
        fd = noether[f]["finite-difference"]["error"]
        line[f"{f}_noether_errors"] = [round(noether[f][m]["error"], 4) for m in GRIDS]
        line[f"{f}_pynumdiff_errors"] = [round(reference[f][m]["error"], 4) for m in GRIDS]
        line[f"{f}_regularised_beat_finite_differences"] = all(
            noether[f][m]["error"] < fd for m in ("savitzky-golay", "total-variation"))
    print(json.dumps(line))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "noisy":
        noisy(sys.argv[2], float(sys.argv[3]), sys.argv[4])
    elif command == "run":
        run(sys.argv[2:])
    else:
        compare(sys.argv[2], sys.argv[3])
