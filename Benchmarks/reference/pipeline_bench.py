"""Drives `Benchmarks/run pipeline`: the comparison `noether compare --methods
baseline,concernet,concernet-exact,hnn` beside the same pipeline in PyTorch
(Benchmarks/reference/pipeline_torch.py), float64 and float32 on two threads, back to back.

For each system and repeat: Noether's whole process (wall and CPU time), then PyTorch
float64, then float32. Per phase: Noether's training time of each method as the
comparison measures it (two methods at a time, one core each), and PyTorch's time for the
same work; GFLOP/s of each from the same operation counts; the rollouts; and the whole
pipeline. Medians over the repeats. The DGEMM rate of the training shapes on one core
(`noether-bench dgemm`) is printed beside Noether's GFLOP/s. Prints a table, and last one
line of figures.

usage: pipeline_bench.py NOETHER NOETHER_BENCH PYTHON OUT_DIR REPEATS SYSTEM [SYSTEM ...]
  PIPELINE_EPOCHS in the environment shortens PyTorch's training (for checking the script);
  the ratios are then meaningless.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time

import h5py

noether, bench, python, out, repeats = sys.argv[1:6]
systems = sys.argv[6:]
repeats = int(repeats)
here = os.path.dirname(os.path.abspath(__file__))
methods = "baseline,concernet,concernet-exact,hnn"
# PyTorch's phases that do the work of each of Noether's method trainings.
phase_of = {
    "baseline": ["baseline"],
    "concernet": ["contrastive", "concernet"],
    "concernet-exact": ["discovery", "exact"],
    "hnn": ["hnn"],
}


def run_noether(system, results):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [noether, "compare", "--system", system, "--methods", methods, "--out", results, "--quiet", "--json"],
        check=True, stdout=open(f"{results}.json", "w"),
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = json.load(open(f"{results}.json"))["methods"]
    return {
        "wall": wall,
        "cpu": cpu,
        "train": {m: summary[m]["wall"]["train"]["mean"] for m in phase_of},
        "evaluate": sum(summary[m]["wall"]["evaluate"]["mean"] for m in phase_of),
    }


def run_torch(system, results, problem, dtype):
    command = [python, f"{here}/pipeline_torch.py", system, results, problem, dtype, "2"]
    if os.environ.get("PIPELINE_EPOCHS"):
        command.append(os.environ["PIPELINE_EPOCHS"])
    start = time.perf_counter()
    line = subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    report = json.loads(line)
    report["process"] = time.perf_counter() - start
    return report


def median(values):
    return statistics.median(values)


fields, rows = [], []
for system in systems:
    results, problem = f"{out}/{system}-results.h5", f"{out}/{system}-problem"
    os.makedirs(problem, exist_ok=True)
    ours, f64, f32 = [], [], []
    for r in range(repeats):
        ours.append(run_noether(system, results))
        if r == 0:
            with h5py.File(results, "r") as f:
                shape = f["data/states"].shape
                training = int((f["data/split"][:] == 0).sum())
            subprocess.run(
                [bench, "pipeline-export", str(shape[2]), str(training), str(shape[1]), problem],
                check=True, stdout=subprocess.DEVNULL,
            )
        f64.append(run_torch(system, results, problem, "float64"))
        f32.append(run_torch(system, results, problem, "float32"))
        print(f"{system} repeat {r + 1}: noether {ours[-1]['wall']:.1f} s, torch float64 {f64[-1]['process']:.1f} s, float32 {f32[-1]['process']:.1f} s", file=sys.stderr, flush=True)
    dgemm = json.loads(subprocess.run([bench, "dgemm", str(shape[2])], check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
    flops = f64[0]["flops"]
    print(f"\n{system}: medians of {repeats}; GFLOP/s from the same operation counts; one-core DGEMM on the training shapes {dgemm['gflops']:.1f} GFLOP/s")
    print(f"{'phase':<18}{'noether s':>11}{'GFLOP/s':>9}{'% dgemm':>9}{'torch64 s':>11}{'GFLOP/s':>9}{'torch32 s':>11}{'GFLOP/s':>9}{'x f64':>8}{'x f32':>8}")
    for method, phases in phase_of.items():
        n = median([o["train"][method] for o in ours])
        t64 = median([sum(t["seconds"][p] for p in phases) for t in f64])
        t32 = median([sum(t["seconds"][p] for p in phases) for t in f32])
        work = sum(flops.get(p, 0) for p in phases)
        rate = lambda s: f"{work / s / 1e9:.1f}" if work else "-"
        share = f"{100 * work / n / 1e9 / dgemm['gflops']:.0f}" if work else "-"
        print(f"{method:<18}{n:>11.2f}{rate(n):>9}{share:>9}{t64:>11.2f}{rate(t64):>9}{t32:>11.2f}{rate(t32):>9}{t64 / n:>8.1f}{t32 / n:>8.1f}")
        fields.append(f"{system}_{method}_x64={t64 / n:.1f}")
    for label, ours_s, key in [("rollouts", "evaluate", "evaluation"), ("data", None, "data")]:
        n = median([o[ours_s] for o in ours]) if ours_s else None
        t64, t32 = median([t["seconds"][key] for t in f64]), median([t["seconds"][key] for t in f32])
        shown = f"{n:>11.2f}" if n is not None else f"{'(in wall)':>11}"
        print(f"{label:<18}{shown}{'':>18}{t64:>11.2f}{'':>9}{t32:>11.2f}")
    wall = median([o["wall"] for o in ours])
    cpu = median([o["cpu"] for o in ours])
    t64, t32 = median([t["process"] for t in f64]), median([t["process"] for t in f32])
    print(f"{'whole process':<18}{wall:>11.2f}{'':>18}{t64:>11.2f}{'':>9}{t32:>11.2f}{'':>9}{t64 / wall:>8.1f}{t32 / wall:>8.1f}")
    print(f"noether CPU/wall {cpu / wall:.2f}; baseline weights after training, PyTorch float64 vs Noether: largest relative difference {f64[0]['baseline_weight_difference']:.1e}")
    print("rollout MSE: " + ", ".join(f"{k} noether {f64[0]['noether_mse'][k]:.2e} torch64 {f64[0]['mse'][k]:.2e} torch32 {f32[0]['mse'][k]:.2e}" for k in phase_of))
    fields += [
        f"{system}_noether_s={wall:.2f}",
        f"{system}_cpu_per_wall={cpu / wall:.2f}",
        f"{system}_torch64_s={t64:.2f}",
        f"{system}_torch32_s={t32:.2f}",
        f"{system}_speedup_vs_torch64={t64 / wall:.1f}",
        f"{system}_speedup_vs_torch32={t32 / wall:.1f}",
    ]
print("pipeline: repeats=" + str(repeats) + " " + " ".join(fields))
