"""Benchmarks/run real: summarises the runs on ../shared/data/real in one line.

Reads the JSON of `noether discover --json` on the two records and of `noether compare
--json` on the pendulum (our protocol), and prints the figures beside the
Hamiltonian-neural-network paper's real-pendulum row (greydanus/hamiltonian-nn README,
"Task 3: Real pendulum", quoted in ../shared/data/real/README.md). Standard library only.
"""
import json
import math
import sys

PAPER = {"baseline": (2.1864e-03, 3.33e-04), "hnn": (5.9584e-03, 6.18e-04)}


def main(out):
    pend = json.load(open(f"{out}/discover-pendulum.json"))
    lynx = json.load(open(f"{out}/discover-lynx-hare.json"))
    compare = json.load(open(f"{out}/compare-pendulum.json"))
    parts = []
    approx = pend.get("approximate") or []
    if approx:
        law = approx[0]
        terms = law["terms"]
        k = -terms.get("cos(theta)", math.nan) / (2 * terms.get("omega^2", math.nan))
        parts.append(
            f"pendulum: {len(pend['invariants'])} law(s), approximately conserved {law['formula']} "
            f"(k {k:.4g}; decreasing on {law['decreasing']} of {law['trajectories']}; "
            f"held-out cancellation {law['held_out_cancellation']:.2g})")
    else:
        parts.append(f"pendulum: {len(pend['invariants'])} law(s), nothing approximate")
    reasons = sorted({r["rule"] for r in lynx["rejected"]})
    parts.append(f"lynx-hare: {len(lynx['invariants'])} law(s) (left out: {', '.join(reasons) or 'none'})")
    for method in ("baseline", "hnn"):
        entry = compare["methods"].get(method, {})
        d = entry.get("derivative_mse") or {}
        mse = entry.get("mse") or {}
        paper = PAPER[method]
        parts.append(
            f"{method} ẋ test MSE {fmt(d.get('mean'))} ± {fmt(d.get('std'))} (paper {paper[0]:.3g} ± {paper[1]:.2g}), "
            f"rollout MSE {fmt(mse.get('mean'))} ({entry.get('status', 'missing')})")
    print("real: " + "; ".join(parts))


def fmt(x):
    return "nan" if x is None else f"{x:.3g}"


if __name__ == "__main__":
    main(sys.argv[1])
