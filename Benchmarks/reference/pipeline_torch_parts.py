"""The pieces of Benchmarks/reference/pipeline_torch.py that hold no state of the run: the
true fields, the integrator, the networks and batches Noether exported, the Square Ratio
Loss and the discovery library."""

import numpy as np
import scipy.integrate
import torch


def true_field(system, y):
    """The system's exact field at one state."""
    if system == "spring-mass":
        return np.array([y[1], -y[0]])
    r3 = (y[0] ** 2 + y[1] ** 2) ** 1.5
    return np.array([y[2], y[3], -y[0] / r3, -y[1] / r3])


def integrate(field, x0, times, project=None):
    """RK45 at rtol 1e-10 over `times`; with `project`, pulled back at each output time."""
    if project is None:
        sol = scipy.integrate.solve_ivp(lambda t, y: field(y), (times[0], times[-1]), x0, t_eval=times, rtol=1e-10, atol=1e-12)
        y = sol.y.T
        return np.vstack([y, np.full((len(times) - len(y), len(x0)), np.nan)]) if len(y) < len(times) else y
    out, y = [x0], x0
    for a, b in zip(times[:-1], times[1:]):
        sol = scipy.integrate.solve_ivp(lambda t, y: field(y), (a, b), y, rtol=1e-10, atol=1e-12)
        y = project(sol.y[:, -1])
        out.append(y)
    return np.array(out)


class ExportedTraining:
    """The initial weights and shuffles `noether-bench pipeline-export` wrote to `directory`,
    trained for the first `epochs` epochs in `dtype`."""

    def __init__(self, directory, problem, epochs, dtype):
        self.directory, self.problem, self.epochs, self.dtype = directory, problem, epochs, dtype

    def network(self, sizes, name):
        flat = np.fromfile(f"{self.directory}/{name}-init.bin", dtype="<f8")
        layers, k = [], 0
        for a, b in zip(sizes, sizes[1:]):
            linear = torch.nn.Linear(a, b).to(self.dtype)
            with torch.no_grad():  # Noether stores W as inputs x outputs
                linear.weight.copy_(torch.tensor(flat[k : k + a * b].reshape(a, b).T))
                linear.bias.copy_(torch.tensor(flat[k + a * b : k + a * b + b]))
            k += a * b + b
            layers += [linear, torch.nn.Tanh()]
        return torch.nn.Sequential(*layers[:-1])

    def batches(self, name, batch):
        order = np.fromfile(f"{self.directory}/{name}-order.bin", dtype="<i4")
        for epoch in order.reshape(self.problem["epochs"], -1)[: self.epochs]:
            for start in range(0, len(epoch), batch):
                yield torch.from_numpy(epoch[start : start + batch].astype(np.int64))

    def train(self, model, name, batch, loss_of):
        """Adam at lr 1e-3 over the exported batches; the last batch's loss."""
        optim = torch.optim.Adam(model.parameters(), lr=1e-3)
        for indices in self.batches(name, batch):
            loss = loss_of(model, indices)
            optim.zero_grad()
            loss.backward()
            optim.step()
        return float(loss.detach())


def square_ratio_loss(g, length):
    n = g.shape[0]
    d = ((g[:, None, :] - g[None, :, :]) ** 2).sum(-1)
    labels = torch.arange(n) // length
    positive = (labels[:, None] == labels[None, :]) & ~torch.eye(n, dtype=torch.bool)
    return (d / (d.sum(1, keepdim=True) + 1e-12))[positive].mean()


def library(system, x):
    """Monomials of degree 1..D (D = 2, or 3 for Kepler) and, for Kepler, 1/r, x/r, y/r."""
    cols, n = [], x.shape[1]
    degree = 3 if system == "kepler" else 2

    def monomials(start, left, term):
        if left == 0:
            return
        for i in range(start, n):
            t = x[:, i] if term is None else term * x[:, i]
            cols.append(t)
            monomials(i, left - 1, t)

    monomials(0, degree, None)
    if system == "kepler":
        r = (x[:, 0] ** 2 + x[:, 1] ** 2).sqrt()
        cols += [1 / r, x[:, 0] / r, x[:, 1] / r]
    return torch.stack(cols, 1)
