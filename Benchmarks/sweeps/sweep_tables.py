"""Markdown tables of the paper's noise table (its Table 8) and data-efficiency table
(its Table 10) from `noether sweep collect DIR --json` of Benchmarks/sweeps/paper-tables.json.

usage: noether sweep collect DIR --json | python3 Benchmarks/sweeps/sweep_tables.py
"""
import json
import sys

cells = json.load(sys.stdin)["cells"]


def stat(entry, *path):
    value = entry
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if not value or value.get("mean") is None:
        return "-"
    return f"{value['mean']:.3g} ± {value['std']:.2g}"


def invariant_names(entry):
    return sorted(entry.get("violation", {}).keys())


noise_cells = [c for c in cells if "baseline" in c["methods"]]
print("| system | σ | MSE baseline | MSE ConCerNet | ConCerNet lower (seeds) | violation baseline | violation ConCerNet | R² ConCerNet |")
print("|---|---|---|---|---|---|---|---|")
for c in noise_cells:
    b, k = c["methods"]["baseline"], c["methods"]["concernet"]
    paired = c.get("paired_with_baseline", {}).get("concernet", {})
    mse = paired.get("mse", {})
    lower = f"{mse.get('lower', '-')} of {mse.get('seeds', '-')}" if mse else "-"
    names = invariant_names(b)
    vb = "; ".join(f"{n} {stat(b, 'violation', n)}" for n in names)
    vk = "; ".join(f"{n} {stat(k, 'violation', n)}" for n in names)
    r2 = "; ".join(f"{n} {stat(k, 'r2', n)}" for n in names)
    print(f"| {c['system']} | {c['noise']} | {stat(b, 'mse')} | {stat(k, 'mse')} | {lower} | {vb} | {vk} | {r2} |")

print()
data_cells = [c for c in cells if "baseline" not in c["methods"]]
for system in dict.fromkeys(c["system"] for c in data_cells):
    mine = [c for c in data_cells if c["system"] == system]
    points = sorted({c["points"] for c in mine})
    names = invariant_names(mine[0]["methods"]["concernet"]) or ["?"]
    for name in names:
        print(f"**{system}, R² of ConCerNet's learned invariant against {name}** (mean over seeds; rows: training trajectories, columns: points per trajectory)")
        print()
        print("| trajectories | " + " | ".join(str(p) for p in points) + " |")
        print("|---|" + "---|" * len(points))
        for n in sorted({c["training_trajectories"] for c in mine}):
            row = []
            for p in points:
                cell = next((c for c in mine if c["training_trajectories"] == n and c["points"] == p), None)
                r2 = cell["methods"]["concernet"].get("r2", {}).get(name) if cell else None
                mean = None if not r2 else r2.get("mean")
                row.append("-" if mean is None else (f"1 − {1 - mean:.1e}" if mean > 0.999 else f"{mean:.3f}"))
            print(f"| {n} | " + " | ".join(row) + " |")
        print()
