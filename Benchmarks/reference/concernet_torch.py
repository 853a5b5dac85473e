"""An independent PyTorch run of the reference protocol's baseline and ConCerNet, for
cross-checking Noether's fidelity figures (Benchmarks/run fidelity).

Written from the protocol (docs/comparison.md), not from the
reference code: float32 networks d -> 100 -> 100 -> out (tanh; ReLU for chemical
kinetics) with PyTorch's default initialisation; the baseline fits h to (x, xdot) with
the summed squared error, Adam lr 1e-3, 1000 epochs of shuffled batches of 100 points;
ConCerNet first learns g with the Square Ratio Loss (batches of 10 whole trajectories,
1000 epochs), then fits h through the projection f = h - (h.n) n, n = grad g / |grad g|
(g frozen, so n is computed once per training point). Evaluation: each model integrated
with SciPy's RK45 at rtol 1e-10 from the evaluation states that Noether's results file
stores, against the true rollouts stored there.

usage: concernet_torch.py SYSTEM RESULTS.h5 DATASET_PATTERN SEED [SEED ...] [--epochs N]
  DATASET_PATTERN holds "{seed}" (files from `noether generate --seed S`).
Prints one JSON object per seed, one line each (Benchmarks/reference/compare.py
fidelity summarises them).
"""

import json
import sys
import time

import h5py
import numpy as np
import scipy.integrate
import torch


def conserved(system, x):
    """The true invariants, shape [..., k], and their names."""
    if system == "spring-mass":
        return {"energy": x[..., 0] ** 2 + x[..., 1] ** 2}
    if system == "chemical-kinetics":
        return {"mass": x[..., 0] + x[..., 1]}
    if system == "kepler":
        r = np.sqrt(x[..., 0] ** 2 + x[..., 1] ** 2)
        return {
            "energy": 0.5 * (x[..., 2] ** 2 + x[..., 3] ** 2) - 1 / r,
            "angular-momentum": x[..., 0] * x[..., 3] - x[..., 1] * x[..., 2],
        }
    raise SystemExit(f"unknown system {system}")


def mlp(inputs, outputs, activation):
    act = torch.nn.ReLU if activation == "relu" else torch.nn.Tanh
    return torch.nn.Sequential(
        torch.nn.Linear(inputs, 100), act(), torch.nn.Linear(100, 100), act(), torch.nn.Linear(100, outputs)
    )


def square_ratio_loss(g, length):
    """Mean over anchors i and positives j of d_ij / sum_{k != i} d_ik."""
    n = g.shape[0]
    d = ((g[:, None, :] - g[None, :, :]) ** 2).sum(-1)
    labels = torch.arange(n) // length
    positive = (labels[:, None] == labels[None, :]) & ~torch.eye(n, dtype=torch.bool)
    totals = d.sum(1, keepdim=True) + 1e-12
    return (d / totals)[positive].mean()


def fit_dynamics(x, dx, activation, epochs, normals=None):
    h = mlp(x.shape[1], x.shape[1], activation)
    optim = torch.optim.Adam(h.parameters(), lr=1e-3)
    for _ in range(epochs):
        order = torch.randperm(x.shape[0])
        for start in range(0, x.shape[0], 100):
            batch = order[start : start + 100]
            f = h(x[batch])
            if normals is not None:
                n = normals[batch]
                f = f - (f * n).sum(1, keepdim=True) * n
            loss = ((f - dx[batch]) ** 2).sum()
            optim.zero_grad()
            loss.backward()
            optim.step()
    return h


def fit_invariant(states, activation, epochs):
    """states: [trajectories, length, n] (training split)."""
    count, length, n = states.shape
    g = mlp(n, 1, activation)
    optim = torch.optim.Adam(g.parameters(), lr=1e-3)
    for _ in range(epochs):
        order = torch.randperm(count)
        for start in range(0, count, 10):
            batch = states[order[start : start + 10]].reshape(-1, n)
            loss = square_ratio_loss(g(batch), length)
            optim.zero_grad()
            loss.backward()
            optim.step()
    return g


def unit_gradients(g, x):
    x = x.clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(g(x).sum(), x)
    return (grad / grad.norm(dim=1, keepdim=True).clamp_min(1e-30)).detach()


def rollout(field, x0s, times):
    out = []
    for x0 in x0s:
        sol = scipy.integrate.solve_ivp(
            lambda t, y: field(y), (times[0], times[-1]), x0, t_eval=times, rtol=1e-10
        )
        y = sol.y.T
        if y.shape[0] < len(times):  # stopped early: the rest counts as NaN
            y = np.vstack([y, np.full((len(times) - y.shape[0], y.shape[1]), np.nan)])
        out.append(y)
    return np.stack(out)


def as_field(h, g=None):
    def field(y):
        x = torch.tensor(y, dtype=torch.float32).reshape(1, -1)
        if g is None:
            with torch.no_grad():
                return h(x).numpy().reshape(-1).astype(np.float64)
        n = unit_gradients(g, x)
        with torch.no_grad():
            f = h(x)
            f = f - (f * n).sum(1, keepdim=True) * n
        return f.numpy().reshape(-1).astype(np.float64)

    return field


def metrics(system, truth, model):
    mse = float(np.mean((truth - model) ** 2))
    c_true, c_model = conserved(system, truth), conserved(system, model)
    return mse, {k: float(np.mean((c_model[k] - c_true[k]) ** 2)) for k in c_true}


def main(argv):
    epochs = 1000
    if "--epochs" in argv:
        k = argv.index("--epochs")
        epochs = int(argv[k + 1])
        argv = argv[:k] + argv[k + 2 :]
    system, results_path, pattern = argv[1], argv[2], argv[3]
    seeds = [int(s) for s in argv[4:]]
    activation = "relu" if system == "chemical-kinetics" else "tanh"
    torch.set_num_threads(1)
    results = h5py.File(results_path, "r")
    times = results["evaluation/time"][:]
    for seed in seeds:
        torch.manual_seed(seed)
        data = h5py.File(pattern.format(seed=seed), "r")
        train = data["split"][:] == 0 if data["split"].dtype.kind in "iu" else None
        states, derivatives = data["states"][:], data["derivatives"][:]
        if train is None:
            train = np.array([s in (b"train", "train") for s in data["split"][:]])
        s_train = torch.tensor(states[train], dtype=torch.float32)
        x = s_train.reshape(-1, states.shape[2])
        dx = torch.tensor(derivatives[train], dtype=torch.float32).reshape(-1, states.shape[2])
        truth = results[f"evaluation/truth-seed-{seed}"][:]
        start = time.time()
        baseline = fit_dynamics(x, dx, activation, epochs)
        g = fit_invariant(s_train, activation, epochs)
        concernet = fit_dynamics(x, dx, activation, epochs, normals=unit_gradients(g, x))
        trained = time.time() - start
        row = {"seed": seed, "train_seconds": trained}
        for name, field in [("baseline", as_field(baseline)), ("concernet", as_field(concernet, g))]:
            mse, violation = metrics(system, truth, rollout(field, truth[:, 0, :], times))
            ours = results[f"methods/{name}/seed-{seed}"].attrs
            row[name] = {
                "torch_mse": mse,
                "torch_violation": violation,
                "noether_mse": float(ours["mse"]),
                "noether_violation": {k: float(ours[f"violation:{k}"]) for k in violation},
            }
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main(sys.argv)
