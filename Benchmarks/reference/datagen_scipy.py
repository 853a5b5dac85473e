"""SciPy reference for `Benchmarks/run datagen`: the same data-generation work as
Noether's benchmark, done the way the ConCerNet reference does it (one
`solve_ivp(method="RK45")` call per trajectory, rtol 1e-10, atol 1e-12, outputs at
`t_eval`), plus Gaussian noise. Prints one JSON object of wall times in seconds."""
import json
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp

RTOL, ATOL = 1e-10, 1e-12
rng = np.random.default_rng(2023)


def spring(t, x):
    return [2 * x[1], -2 * x[0]]


K1, K2 = (10 * np.exp(-ea * 1000 / (8.31 * 250)) for ea in (5.74, 7.47))


def chemical(t, x):
    flux = -K1 * x[0] + K2 * x[1]
    return [flux, -flux]


def kepler(t, s):
    x, y, vx, vy = s
    r3 = (x * x + y * y) ** 1.5
    return [vx, vy, -x / r3, -y / r3]


def heat(t, u):
    padded = np.concatenate(([u[0]], u, [u[-1]]))
    return (padded[2:] - 2 * u + padded[:-2]) / 0.01


def radial(n, low, high, side_low, side_high, dim=2):
    y = rng.uniform(side_low, side_high, (n, dim))
    r = rng.uniform(low, high, (n, 1))
    return y / np.linalg.norm(y, axis=1, keepdims=True) * r


def kepler_initial(n):
    pos = radial(n, 0.1, 1.0, -1, 1)
    r = np.linalg.norm(pos, axis=1)
    speed = np.sqrt((1 + 0.3 * rng.uniform(0, 1, n)) / r)
    vel = np.stack([pos[:, 1], -pos[:, 0]], axis=1) / r[:, None] * speed[:, None]
    return np.concatenate([pos, vel], axis=1)


def heat_initial(n):
    y = np.linspace(-5, 5, 101)
    c = rng.uniform(-1, 1, (n, 1))
    s = 0.25 * rng.uniform(0.5, 2, (n, 1))
    return np.exp(-((y[None, :] - c) ** 2) / s)


def generate(field, x0, duration, points, noise=0.01):
    t_eval = np.linspace(0, duration, points)
    states, derivs = [], []
    for x in x0:
        sol = solve_ivp(field, (0, duration), x, method="RK45", t_eval=t_eval, rtol=RTOL, atol=ATOL)
        xs = sol.y.T
        states.append(xs)
        derivs.append(np.array([field(0, s) for s in xs]))
    states, derivs = np.array(states), np.array(derivs)
    return states + noise * rng.standard_normal(states.shape), derivs + noise * rng.standard_normal(derivs.shape)


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


jobs = {
    "spring-mass": lambda: generate(spring, radial(50, 0.3, 1.2, -1, 1), 3, 30),
    "chemical-kinetics": lambda: generate(chemical, radial(100, 0.1, 100.1, 0, 2), 3, 30),
    "kepler": lambda: generate(kepler, kepler_initial(100), 10, 100),
    "heat-equation": lambda: generate(heat, heat_initial(200), 10, 100),
    "spring-mass-1000": lambda: generate(spring, radial(1000, 0.3, 1.2, -1, 1), 3, 30),
}
only = sys.argv[1:] or list(jobs)
results = {}
for name in only:
    results[name] = timed(jobs[name])
    print(f"scipy {name}: {results[name]:.2f} s", file=sys.stderr, flush=True)
print(json.dumps(results))
