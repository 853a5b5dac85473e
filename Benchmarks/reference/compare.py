"""Prints a benchmark's table and, last, its one-line summary of ratios."""
import json
import sys

kind, ours_path, ref_path = sys.argv[1:4]
if kind == "fidelity":
    ours = [json.loads(line) for line in open(ours_path) if line.strip()]
else:
    ours = json.load(open(ours_path))
ref = json.load(open(ref_path)) if kind not in ("methods", "fidelity") else {}

if kind == "datagen":
    print(f"{'dataset':<20}{'noether (s)':>14}{'scipy (s)':>14}{'ratio':>10}")
    for name in ours:
        print(f"{name:<20}{ours[name]:>14.4f}{ref[name]:>14.2f}{ref[name] / ours[name]:>10.0f}")
    total_ours, total_ref = sum(ours.values()), sum(ref[k] for k in ours)
    ratio = total_ref / total_ours
    worst = min(ref[k] / ours[k] for k in ours)
    print(
        f"datagen: noether_total_s={total_ours:.4f} scipy_total_s={total_ref:.2f} "
        f"min_ratio={worst:.0f} speedup_vs_scipy={ratio:.0f}"
    )
elif kind == "methods":
    # Reference figures (the ConCerNet reference code, as docs/results.md quotes them): the PyTorch
    # reference implementation on a 2-core CPU of this kind, seed 2023.
    # The target phases are the ones the reference timed with the same settings
    # (1000 epochs, batches of 10 trajectories or 100 points). Its HNN (14 s) and
    # PySINDy fit (0.05 s) figures come from runs whose settings are not recorded, so
    # they are printed as information, outside the minimum.
    reference = {
        "spring/contrastive": 15.2, "spring/concernet-dynamics": 21.1, "spring/baseline": 14.8,
        "kepler/contrastive": 195.0, "kepler/concernet-dynamics": 120.0, "kepler/baseline": 103.0,
    }
    informational = {"spring/hnn": 14.0, "spring/sindy-fit": 0.05}
    print(f"{'phase':<28}{'steps':>7}{'ms/step':>10}{'time (s)':>10}{'GFLOP/s':>9}{'reference (s)':>15}{'ratio':>8}")
    ratios = []
    for name in sorted(ours):
        o = ours[name]
        ref_s = reference.get(name) or informational.get(name)
        ratio = ref_s / o["seconds"] if ref_s else None
        if ratio and name in reference:
            ratios.append(ratio)
        print(
            f"{name:<28}{int(o['steps']):>7}{o['ms_per_step']:>10.3f}{o['seconds']:>10.3f}{o['gflops']:>9.1f}"
            f"{(f'{ref_s:.2f}' if ref_s else '-'):>15}{(f'{ratio:.0f}' if ratio else '-'):>8}"
        )
    total = sum(o["seconds"] for o in ours.values())
    info = " ".join(
        f"{name.replace('/', '_')}_speedup={informational[name] / ours[name]['seconds']:.1f}"
        for name in informational if name in ours
    )
    print(f"methods: total_s={total:.2f} phases={len(ours)} {info} min_speedup_vs_reference={min(ratios):.1f}")
elif kind == "training":
    f64, f32 = ref["float64"], ref["float32"]
    print(f"{'implementation':<26}{'time (s)':>10}{'final loss':>22}")
    print(f"{'noether float64':<26}{ours['seconds']:>10.3f}{ours['final_loss']:>22.12e}")
    print(f"{'pytorch float64':<26}{f64['seconds']:>10.3f}{f64['final_loss']:>22.12e}")
    print(f"{'pytorch float32':<26}{f32['seconds']:>10.3f}{f32['final_loss']:>22.12e}")
    agree = abs(ours["final_loss"] - f64["final_loss"]) <= 5e-7 * abs(f64["final_loss"])
    print(
        f"training: noether_s={ours['seconds']:.3f} torch_f64_s={f64['seconds']:.3f} "
        f"torch_f32_s={f32['seconds']:.3f} loss_agrees_6_digits={'yes' if agree else 'no'} "
        f"speedup_vs_torch_f64={f64['seconds'] / ours['seconds']:.2f} "
        f"speedup_vs_torch_f32={f32['seconds'] / ours['seconds']:.2f}"
    )
elif kind == "fidelity":
    # Rows of Benchmarks/reference/concernet_torch.py: per seed, the MSE of an
    # independent PyTorch baseline and ConCerNet and of Noether's, on the same data and
    # evaluation states (different random initialisations, so seeds pair the data only).
    import statistics

    rows = sorted(ours, key=lambda r: r["seed"])
    print(f"{'seed':<6}{'baseline torch':>16}{'baseline noether':>18}{'concernet torch':>17}{'concernet noether':>19}")
    for r in rows:
        b, c = r["baseline"], r["concernet"]
        print(f"{r['seed']:<6}{b['torch_mse']:>16.3e}{b['noether_mse']:>18.3e}{c['torch_mse']:>17.3e}{c['noether_mse']:>19.3e}")
    fields = {}
    for method in ("baseline", "concernet"):
        for source in ("torch", "noether"):
            values = [r[method][f"{source}_mse"] for r in rows]
            fields[f"{method}_{source}_mse_mean"] = f"{statistics.fmean(values):.3e}"
            fields[f"{method}_{source}_mse_median"] = f"{statistics.median(values):.3e}"
    for source in ("torch", "noether"):
        lower = sum(r["concernet"][f"{source}_mse"] < r["baseline"][f"{source}_mse"] for r in rows)
        fields[f"concernet_below_baseline_{source}"] = f"{lower}/{len(rows)}"
    print("fidelity: seeds=" + str(len(rows)) + " " + " ".join(f"{k}={v}" for k, v in fields.items()))
