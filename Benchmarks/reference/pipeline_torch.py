"""The comparison pipeline of `noether compare --methods baseline,concernet,concernet-exact,hnn`
written independently in PyTorch, for `Benchmarks/run pipeline`.

The same data (the training split stored in Noether's results file), the same initial
weights and the same shuffled batches of every epoch (exported by
`noether-bench pipeline-export`), the same epochs, losses and evaluation states; PyTorch
on the CPU with the given dtype and threads. Phases, each timed:
  data         the training trajectories and the 10 evaluation truths integrated from the
               stored initial states (SciPy RK45, rtol 1e-10, atol 1e-12), derivatives and noise
  baseline     h: d -> 100 -> 100 -> d (tanh), summed squared error, Adam lr 1e-3
  contrastive  g: d -> 100 -> 100 -> 1 on the Square Ratio Loss, batches of 10 trajectories
  concernet    h through f - (f.n) n, n = grad g/|grad g| at the training points
  discovery    the conserved combinations of a term library (monomials of degree 2, or
               degree 3 with 1/r, x/r, y/r for Kepler): the smallest generalised
               eigenvectors of (dTheta/dt)^T dTheta/dt against Cov(Theta); as many as Noether kept
  exact        h through the projection onto the discovered laws' gradients (QR per point)
  hnn          H: d -> 100 -> 100 -> 1, loss sum |J grad H - xdot|^2
  startup      PyTorch's first forward and backward pass (thread pools, kernels)
  evaluation   each model rolled out from the 10 states, stacked into one system so that
               each stage is one batched call (SciPy RK45, rtol 1e-10, atol 1e-12), the
               networks in float64 (a float32 field's rounding stalls the step control);
               concernet-exact pulled back onto its laws by Newton at each output time
Prints one JSON object: seconds and GFLOP/s per phase, total, final losses, the baseline's
largest relative weight difference from Noether's trained weights (the same work done the
same way agrees to rounding), and each model's rollout MSE beside Noether's.

usage: pipeline_torch.py SYSTEM RESULTS.h5 PROBLEM_DIR float64|float32 THREADS [EPOCHS]
"""

import json
import sys
import time

import h5py
import numpy as np
import scipy.linalg
import torch

import pipeline_torch_parts as parts
from pipeline_torch_parts import ExportedTraining, integrate, square_ratio_loss

system, results_path, problem_dir, dtype_name, threads = sys.argv[1:6]
dtype = {"float64": torch.float64, "float32": torch.float32}[dtype_name]
torch.set_num_threads(int(threads))
problem = json.load(open(f"{problem_dir}/problem.json"))
results = h5py.File(results_path, "r")
seed = problem["seed"]
epochs = int(sys.argv[6]) if len(sys.argv) > 6 else problem["epochs"]  # a shorter run, for checking


exported = ExportedTraining(problem_dir, problem, epochs, dtype)
network, train = exported.network, exported.train


def true_field(y):
    return parts.true_field(system, y)


def library(x):
    return parts.library(system, x)


timings, flops, losses = {}, {}, {}


def phase(name, work=0.0):
    def wrap(body):
        start = time.perf_counter()
        value = body()
        timings[name] = time.perf_counter() - start
        flops[name] = work
        print(f"torch {dtype_name} {name}: {timings[name]:.2f} s", file=sys.stderr, flush=True)
        return value

    return wrap


data = results["data"]
split = data["split"][:]
states_all, derivs_all, data_time = data["states"][:], data["derivatives"][:], data["time"][:]
eval_time = results["evaluation/time"][:]
truth = results[f"evaluation/truth-seed-{seed}"][:]
n = states_all.shape[2]
noise = float(results.attrs["noise"])


@phase("startup")
def warmed():
    layer = torch.nn.Linear(2, 2).to(dtype)
    layer(torch.ones(1, 2, dtype=dtype)).sum().backward()


@phase("data")
def generated():
    rng = np.random.default_rng(seed)
    clean = np.stack([integrate(true_field, s[0], data_time) for s in states_all])
    rates = np.apply_along_axis(true_field, 2, clean)
    noisy = clean + noise * rng.standard_normal(clean.shape)
    rollouts = np.stack([integrate(true_field, s, eval_time) for s in truth[:, 0, :]])  # one by one, as the truth
    return noisy, rates, rollouts


train_states = states_all[split == 0]
count, length, _ = train_states.shape
x = torch.tensor(train_states.reshape(-1, n), dtype=dtype)
dx = torch.tensor(derivs_all[split == 0].reshape(-1, n), dtype=dtype)
points = x.shape[0]


def macs(sizes):
    return sum(a * b for a, b in zip(sizes, sizes[1:]))


dyn_flops = 6 * macs([n, 100, 100, n]) * points * epochs
batch_points = problem["trajectory_batch"] * length
contrastive_steps = epochs * -(-count // problem["trajectory_batch"])
srl_flops = 8 * batch_points**2 * contrastive_steps


def fit_dynamics(normals=None):
    def loss(h, i):
        f = h(x[i])
        if normals is not None:
            q = normals[i]
            if q.dim() == 3:  # an orthonormal basis of the laws' gradients per point
                f = f - (q @ (q.transpose(1, 2) @ f[:, :, None]))[:, :, 0]
            else:
                f = f - (f * q).sum(1, keepdim=True) * q
        return ((f - dx[i]) ** 2).sum()

    h = network(problem["dynamics"]["sizes"], "dynamics")
    losses["last"] = train(h, "dynamics", problem["point_batch"], loss)
    return h


baseline = phase("baseline", dyn_flops)(fit_dynamics)
losses["baseline"] = losses.pop("last")


@phase("contrastive", 6 * macs([n, 100, 100, 1]) * points * epochs + srl_flops)
def g():
    model = network(problem["contrastive"]["sizes"], "contrastive")
    xs = x.reshape(count, length, n)
    losses["contrastive"] = train(
        model, "contrastive", problem["trajectory_batch"], lambda m, i: square_ratio_loss(m(xs[i].reshape(-1, n)), length)
    )
    return model


def unit_gradient(model, at):
    at = at.clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(model(at).sum(), at)
    return (grad / grad.norm(dim=1, keepdim=True).clamp_min(1e-30)).detach()


concernet = phase("concernet", dyn_flops)(lambda: fit_dynamics(unit_gradient(g, x)))
losses["concernet"] = losses.pop("last")
kept = int(results[f"methods/concernet-exact/seed-{seed}/model/settings"].attrs["invariant_count"])


@phase("discovery")
def laws():
    x64, dx64 = x.double(), dx.double()
    theta, rate = torch.func.jvp(library, (x64,), (dx64,))
    centred = theta - theta.mean(0)
    a, b = (rate.T @ rate).numpy(), (centred.T @ centred).numpy()
    _, vectors = scipy.linalg.eigh(a, b + 1e-12 * np.trace(b) * np.eye(len(b)))
    return torch.tensor(vectors[:, :kept])


def law_values(at):
    return library(at.double()) @ laws


def law_gradients(at):
    """[N, k, n]: the gradient of each law at each row, one backward pass per law."""
    at = at.detach().double().clone().requires_grad_(True)
    values = law_values(at)
    rows = [torch.autograd.grad(values[:, j].sum(), at, retain_graph=True)[0] for j in range(values.shape[1])]
    return torch.stack(rows, 1).detach()


def law_bases(at):
    q, _ = torch.linalg.qr(law_gradients(at).transpose(1, 2))
    return q.to(dtype)


exact = phase("exact", dyn_flops)(lambda: fit_dynamics(law_bases(x)))
losses["exact"] = losses.pop("last")


def symplectic(model, at):
    at = at if at.requires_grad else at.requires_grad_(True)
    (grad,) = torch.autograd.grad(model(at).sum(), at, create_graph=True)
    half = n // 2
    return torch.cat([grad[:, half:], -grad[:, :half]], 1)


@phase("hnn", 10 * macs([n, 100, 100, 1]) * points * epochs)
def hnn():
    model = network(problem["hnn"]["sizes"], "hnn")
    losses["hnn"] = train(
        model, "hnn", problem["point_batch"], lambda m, i: ((symplectic(m, x[i].clone()) - dx[i]) ** 2).sum()
    )
    return model


def as_field(kind):
    """The model's field on a flat vector of stacked states (all rollouts at once)."""

    def field(y):
        at = torch.tensor(y, dtype=dtype).reshape(-1, n)
        if kind == "hnn":
            return symplectic(hnn, at).detach().numpy().reshape(-1).astype(np.float64)
        with torch.no_grad():
            model = {"baseline": baseline, "concernet": concernet, "concernet-exact": exact}[kind]
            f = model(at)
        if kind == "concernet":
            q = unit_gradient(g, at)
            f = f - (f * q).sum(1, keepdim=True) * q
        elif kind == "concernet-exact":
            q = law_bases(at)
            f = f - (q @ (q.transpose(1, 2) @ f[:, :, None]))[:, :, 0]
        return f.numpy().reshape(-1).astype(np.float64)

    return field


def pull_back(levels):
    """Newton steps back onto C(x) = C(x0) for every stacked state."""

    def project(y):
        y = y.reshape(-1, n)
        for _ in range(3):
            at = torch.tensor(y)
            jac = law_gradients(at).numpy()
            miss = law_values(at).detach().numpy() - levels
            step = np.linalg.solve(jac @ jac.transpose(0, 2, 1), miss[:, :, None])
            y = y - (jac.transpose(0, 2, 1) @ step)[:, :, 0]
        return y.reshape(-1)

    return project


# The rollouts run the trained networks in float64 on both sides: a float32 field's
# rounding (1e-7) stalls RK45's step control at rtol 1e-10 (measured: 456 s for what
# takes 40 s in float64, with 1-epoch models).
for trained_network in (baseline, g, concernet, exact, hnn):
    trained_network.double()
dtype = torch.float64


@phase("evaluation")
def evaluated():
    """All 10 rollouts of a model as one system (one field call for all states per stage)."""
    mse = {}
    starts = truth[:, 0, :]
    for kind in ["baseline", "concernet", "concernet-exact", "hnn"]:
        began = time.perf_counter()
        project = pull_back(law_values(torch.tensor(starts)).numpy()) if kind == "concernet-exact" else None
        flat = integrate(as_field(kind), starts.reshape(-1), eval_time, project)
        runs = flat.reshape(len(eval_time), len(starts), n).transpose(1, 0, 2)
        mse[kind] = float(np.mean((runs - truth) ** 2))
        timings[f"evaluation:{kind}"] = time.perf_counter() - began
        print(f"torch {dtype_name} evaluation {kind}: {timings[f'evaluation:{kind}']:.2f} s", file=sys.stderr, flush=True)
    return mse


trained = baseline[-1].weight.detach().double().numpy().T
noether_w = results[f"methods/baseline/seed-{seed}/model/parameters/h.2.weight"][:]
report = {
    "dtype": dtype_name,
    "threads": int(threads),
    "seconds": timings,
    "total": sum(v for k, v in timings.items() if ":" not in k),
    "flops": flops,
    "gflops": {k: flops[k] / timings[k] / 1e9 for k in timings if flops.get(k)},
    "final_loss": losses,
    "baseline_weight_difference": float(np.abs(trained - noether_w).max() / np.abs(noether_w).max()),
    "mse": evaluated,
    "noether_mse": {k: float(results[f"methods/{k}/seed-{seed}"].attrs["mse"]) for k in evaluated},
}
print(json.dumps(report))
