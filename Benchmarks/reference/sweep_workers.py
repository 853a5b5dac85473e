"""Benchmarks/run sweep: a 16-task sweep on 1 and on 2 local workers, and each task's
overhead beyond its comparison. Standard library only.

usage: sweep_workers.py NOETHER_BINARY OUT_DIR [REPEATS]

Each repeat plans two fresh copies of the same sweep and runs them back to back, one
with `--workers 1` and one with `--workers 2`; the ratio of their wall times is that
repeat's speed-up, and the median over repeats is printed. The overhead per task is
(wall time with 1 worker − the sum of the tasks' own comparison wall times) / tasks,
where a comparison's wall time is the `wall_seconds` its results file records.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

SPEC = {
    "name": "bench",
    "systems": ["spring-mass", "chemical-kinetics"],
    "methods": ["baseline", "concernet", "sindy"],
    "seeds": 8,
    "epochs": 300,
}


def plan(binary, out, label):
    directory = os.path.join(out, label)
    shutil.rmtree(directory, ignore_errors=True)
    spec = os.path.join(out, "spec.json")
    with open(spec, "w") as f:
        json.dump(SPEC, f)
    subprocess.run([binary, "sweep", "plan", spec, "--out", directory], check=True, stdout=subprocess.DEVNULL)
    return directory


def timed_run(binary, directory, workers):
    start = time.perf_counter()
    subprocess.run([binary, "sweep", "run", directory, "--workers", str(workers), "--quiet"], check=True)
    return time.perf_counter() - start


def comparison_seconds(binary, directory):
    out = subprocess.run(
        [binary, "sweep", "collect", directory, "--json", "--out", os.path.join(directory, "merged.h5")],
        check=True, capture_output=True, text=True).stdout
    return sum(cell["wall_seconds"] for cell in json.loads(out)["cells"])


def main():
    binary, out = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    os.makedirs(out, exist_ok=True)
    ratios, overheads, ones, twos = [], [], [], []
    tasks = len(SPEC["systems"]) * SPEC["seeds"]
    for r in range(repeats):
        one_dir = plan(binary, out, "one")
        two_dir = plan(binary, out, "two")
        one = timed_run(binary, one_dir, 1)
        two = timed_run(binary, two_dir, 2)
        overhead = (one - comparison_seconds(binary, one_dir)) / tasks
        ones.append(one)
        twos.append(two)
        ratios.append(one / two)
        overheads.append(overhead)
        print(f"repeat {r + 1}: 1 worker {one:.1f} s, 2 workers {two:.1f} s, "
              f"speed-up {one / two:.2f}x, overhead {overhead:.3f} s/task", file=sys.stderr)
    print(json.dumps({
        "tasks": tasks,
        "one_worker_seconds": round(statistics.median(ones), 2),
        "two_worker_seconds": round(statistics.median(twos), 2),
        "speedup_median": round(statistics.median(ratios), 3),
        "speedups": [round(x, 3) for x in ratios],
        "overhead_seconds_per_task_median": round(statistics.median(overheads), 3),
        "targets": "speed-up >= 1.8, overhead < 0.5 s/task",
    }))


if __name__ == "__main__":
    main()
