"""PyTorch reference for `Benchmarks/run training`: the identical HNN-style training
(same data and initial weights, exported by noether-bench as JSON): H = 2 → 100 → 1
tanh, loss mean ‖J∇ₓH(x) − ẋ‖², full-batch Adam at lr 1e-3, on the CPU with two
threads, in float64 and in float32. Prints one JSON object of times and final losses."""
import json
import sys
import time

import torch

problem = json.load(open(sys.argv[1]))
torch.set_num_threads(2)


def train(dtype):
    n = problem["points"]
    x = torch.tensor(problem["x"], dtype=dtype).reshape(n, 2).requires_grad_(True)
    dx = torch.tensor(problem["dx"], dtype=dtype).reshape(n, 2)
    model = torch.nn.Sequential(torch.nn.Linear(2, 100), torch.nn.Tanh(), torch.nn.Linear(100, 1)).to(dtype)
    with torch.no_grad():
        # Noether stores W as inputs × outputs; PyTorch as outputs × inputs.
        model[0].weight.copy_(torch.tensor(problem["w1"], dtype=dtype).reshape(2, 100).T)
        model[0].bias.copy_(torch.tensor(problem["b1"], dtype=dtype))
        model[2].weight.copy_(torch.tensor(problem["w2"], dtype=dtype).reshape(100, 1).T)
        model[2].bias.copy_(torch.tensor(problem["b2"], dtype=dtype))
    optimizer = torch.optim.Adam(model.parameters(), lr=problem["lr"])
    start = time.perf_counter()
    for _ in range(problem["epochs"]):
        optimizer.zero_grad()
        h = model(x).sum()
        g = torch.autograd.grad(h, x, create_graph=True)[0]
        field = torch.cat([g[:, 1:2], -g[:, 0:1]], dim=1)
        loss = ((field - dx) ** 2).mean()
        loss.backward()
        optimizer.step()
        final = loss.item()
    return {"seconds": time.perf_counter() - start, "final_loss": final}


results = {"float64": train(torch.float64), "float32": train(torch.float32)}
print(f"torch float64 {results['float64']['seconds']:.2f} s, float32 {results['float32']['seconds']:.2f} s", file=sys.stderr)
print(json.dumps(results))
